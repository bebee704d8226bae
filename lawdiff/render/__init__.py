"""Renderers of redlines (lists of :class:`lawdiff.diff.Change`) for the terminal and the web."""

from lawdiff.render.redline_html import render_html
from lawdiff.render.redline_text import render_text

__all__ = ["render_html", "render_text"]
