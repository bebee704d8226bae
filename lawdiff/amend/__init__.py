"""Amendments: the instruction grammar, typed operations, and their application.

``grammar`` turns an amending act's instructions into :class:`~lawdiff.amend.ops.Operation`
objects; the appliers (one module per operation kind) change a work's versioned XML.
Parsing and applying are separate steps: parsed operations are stored in the amending act's
XML, where they can be reviewed and corrected as data before they are applied.
"""
