"""Import: adilet plain-text exports to work XML (text repair, header, structure, tables, notes)."""
