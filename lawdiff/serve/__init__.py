"""``lawdiff serve``: a local, read-only web reader over the same API the CLI wraps.

Server-rendered pages (Flask with Jinja2 templates shipped in the package, no JavaScript):
the corpus with search, an act as in force on a date with a date picker and its status,
its timeline, a redline between two dates, provision history and blame, and a comparison of
two acts (two places or two years of tariffs). Every page has an ``/api/...`` twin that
returns the JSON of the matching ``--json`` command. An unknown work is a 404 page, a bad
date or a bad citation a 400 page with the message; nothing is ever written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lawdiff import LawdiffError


def create_app(corpus_root: Path):
    """The Flask application reading the corpus at ``corpus_root``."""
    try:
        from flask import Flask
    except ImportError:   # pragma: no cover - depends on the installation
        raise LawdiffError("lawdiff serve needs Flask: pip install 'lawdiff[serve]'") from None
    from lawdiff.serve import routes

    app = Flask(__name__, template_folder="templates", static_folder="static")
    app.config["LAWDIFF_CORPUS"] = Path(corpus_root)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    routes.register(app)
    return app


def parse_date(value: str | None, default: dt.date | None = None) -> dt.date:
    """A query-string date (YYYY-MM-DD or DD.MM.YYYY); a bad one is a :class:`BadRequest`."""
    if not value:
        if default is None:
            raise BadRequest("a date is required (YYYY-MM-DD)")
        return default
    text = value.strip()
    try:
        if len(text) == 10 and text[2] == "." and text[5] == ".":
            return dt.date(int(text[6:]), int(text[3:5]), int(text[:2]))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"{value!r} is not a date (use YYYY-MM-DD or DD.MM.YYYY)") from None


class BadRequest(LawdiffError):
    """A request the reader cannot answer as asked (answered with 400 and the message)."""


def serve(corpus_root: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the reader until interrupted (Werkzeug's server: local use, one reader)."""
    create_app(corpus_root).run(host=host, port=port, debug=False, use_reloader=False)
