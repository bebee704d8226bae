"""Renderers of redlines (lists of :class:`lawdiff.diff.Change`) for the terminal and the web.

``render_text`` and ``render_html`` are loaded on first use (PEP 562), so a command that
renders nothing (a ``--json`` query) does not import the diff and HTML code."""

__all__ = ["render_html", "render_text"]


def __getattr__(name: str):
    if name == "render_html":
        from lawdiff.render.redline_html import render_html

        return render_html
    if name == "render_text":
        from lawdiff.render.redline_text import render_text

        return render_text
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
