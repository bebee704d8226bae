"""Renderers of redlines (lists of :class:`lawdiff.diff.Change`) and documents, for the terminal
and the web: :mod:`lawdiff.render.redline_text`, :mod:`lawdiff.render.redline_html` and the
others, imported by what uses them (the package imports none, so a command that renders
nothing does not load them)."""
