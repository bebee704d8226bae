"""The reader's pages and their ``/api/`` twins (same data as the matching ``--json`` command)."""

from __future__ import annotations

import datetime as dt

from flask import current_app, jsonify, render_template, request, url_for
from markupsafe import Markup, escape

from lawdiff import LawdiffError, api
from lawdiff import review as R
from lawdiff.corpus import Corpus
from lawdiff.render.document_html import document_article, stylesheet
from lawdiff.render.labels import LABELS, LANG_NAMES, check_lang, coded, fmt_date, label
from lawdiff.render.redline_html import label_html
from lawdiff.render.review_html import render_review_html
from lawdiff.results import WorkSummary, to_json
from lawdiff.review.document import read_document
from lawdiff.serve import BadRequest, parse_date


class NotFound(LawdiffError):
    """An unknown work (answered with 404)."""


def _corpus() -> Corpus:
    return Corpus(current_app.config["LAWDIFF_CORPUS"])


def _work(corpus: Corpus, work: str) -> str:
    try:
        wid = corpus.resolve(work)
    except LawdiffError as exc:
        raise NotFound(str(exc)) from None
    if not corpus.exists(wid):
        raise NotFound(f"no work {work} in the corpus")
    return wid


def _lang(default: str = "kk") -> str:
    try:
        return check_lang(request.args.get("lang"), default)
    except LawdiffError as exc:
        raise BadRequest(str(exc)) from None


def _page(template: str, lang: str, text_lang: str = "kk", **values):
    return render_template(template, lang=lang, t=LABELS[lang], css=Markup(stylesheet()), switch=_switch(lang),
                           label=label, coded=coded, fmt_date=fmt_date, bound=lambda b: _bound(b, lang),
                           heading=lambda p: Markup(label_html(p["label"], p["eId"], lang, text_lang)),
                           **values)


def _switch(lang: str) -> Markup:
    """Links to this page in each language, each name in its own language (and ``lang``)."""
    endpoint = request.endpoint or "index"     # a URL no route matched: the corpus page
    args = {**(request.view_args or {}), **request.args.to_dict()} if request.endpoint else {}
    links = []
    for code, name in LANG_NAMES.items():
        href = escape(url_for(endpoint, **{**args, "lang": code}))
        current = ' aria-current="true"' if code == lang else ""
        links.append(f'<a href="{href}" lang="{code}" hreflang="{code}" data-lang="{code}"{current}>{name}</a>')
    return Markup(f'<span class="langs" id="lang-switch" aria-label="{escape(label(lang, "language"))}">'
                  + " · ".join(links) + "</span>")


def _bound(b: dict | None, lang: str) -> str:
    """A start or end from its JSON: the date, or "undetermined, not before …" in ``lang``."""
    if not b:
        return "—"
    if b.get("date"):
        return fmt_date(b["date"], lang)
    return label(lang, "bound-unknown", earliest=fmt_date(b.get("earliest"), lang))


def _with_switch(page: str, lang: str) -> str:
    """A self-contained review page with the reader's language switch above it."""
    import lxml.html

    doc = lxml.html.document_fromstring(page.encode("utf-8"))
    nav = lxml.html.fragment_fromstring(f'<nav class="top">{_switch(lang)}</nav>')
    doc.find("body").insert(0, nav)
    return lxml.html.tostring(doc, doctype="<!DOCTYPE html>", encoding="unicode", method="html")


def _search(works: list[WorkSummary], q: str) -> list[WorkSummary]:
    """Works whose title, number, place, type or id hold every word of ``q`` (any case)."""
    words = q.casefold().split()
    def hay(w: WorkSummary) -> str:
        return " ".join(str(v or "") for v in (w.title, w.number, w.place, w.place_latin, w.type, w.work))
    return [w for w in works if all(word in hay(w).casefold() for word in words)]


def register(app) -> None:
    """Every page and its /api/ twin, grouped by what they show."""
    _register_errors(app)
    _register_works(app)
    _register_history(app)
    _register_compare(app)


def _register_errors(app) -> None:
    @app.errorhandler(NotFound)
    def not_found(exc):
        return _error(exc, 404, "not-found")

    @app.errorhandler(LawdiffError)
    def bad_request(exc):
        return _error(exc, 400, "bad-request")


def _error(exc: Exception, status: int, title_key: str):
    """An error as JSON under /api/, else as a page in the language asked for (Kazakh by default)."""
    if request.path.startswith("/api/"):
        return jsonify({"error": str(exc)}), status
    lang = request.args.get("lang") if request.args.get("lang") in LABELS else "kk"
    return _page("error.html", lang, title=label(lang, title_key), message=str(exc)), status


def _register_works(app) -> None:
    @app.get("/")
    def index():
        lang = _lang()
        works = api.list_works(_corpus())
        q = request.args.get("q", "")
        shown = _search(works, q) if q else works
        corpus = _corpus()
        langs = {w.work: corpus.load(w.work).root.get("lang") or "kk" for w in shown}
        return _page("index.html", lang, works=to_json(shown), q=q, langs=langs)

    @app.get("/api/works")
    def api_works():
        works = api.list_works(_corpus())
        q = request.args.get("q", "")
        return jsonify(to_json(_search(works, q) if q else works))

    @app.get("/works/<path:work>")
    def work_page(work):
        corpus = _corpus()
        wid = _work(corpus, work)
        when = parse_date(request.args.get("at"), dt.date.today())
        doc = read_document(corpus, wid, when, request.args.get("provision") or None)
        lang = _lang(doc.lang)
        article = Markup(_article_html(doc, lang, bool(request.args.get("ids"))))
        return _page("work.html", lang, doc.lang, doc=doc, article=article, provision=request.args.get("provision") or "")

    @app.get("/api/works/<path:work>")
    def api_work(work):
        corpus = _corpus()
        wid = _work(corpus, work)
        when = parse_date(request.args.get("at"), dt.date.today())
        return jsonify(api.show(corpus, wid, when, request.args.get("provision") or None).to_json())


def _register_history(app) -> None:
    @app.get("/works/<path:work>/timeline")
    def timeline(work):
        corpus = _corpus()
        wid = _work(corpus, work)
        data = api.timeline(corpus, wid).to_json()
        doc = read_document(corpus, wid, dt.date.today())
        return _page("timeline.html", _lang(doc.lang), doc.lang, data=data, doc=doc)

    @app.get("/api/works/<path:work>/timeline")
    def api_timeline(work):
        corpus = _corpus()
        return jsonify(api.timeline(corpus, _work(corpus, work)).to_json())

    @app.get("/works/<path:work>/diff")
    def diff(work):
        review = _date_diff(work)
        lang = _lang(review.new.lang)
        return _with_switch(render_review_html(review, lang), lang)

    @app.get("/api/works/<path:work>/diff")
    def api_diff(work):
        return jsonify(_date_diff(work).to_json())

    @app.get("/works/<path:work>/history")
    def history(work):
        corpus = _corpus()
        wid = _work(corpus, work)
        when = parse_date(request.args.get("at"), dt.date.today())
        provision = request.args.get("provision") or None
        data = R.history(corpus, wid, provision).to_json()
        blame = R.blame(corpus, wid, when, provision).to_json()
        doc = read_document(corpus, wid, when)
        return _page("history.html", _lang(doc.lang), doc.lang, data=data, blame=blame, doc=doc,
                     provision=provision or "")

    @app.get("/api/works/<path:work>/history")
    def api_history(work):
        corpus = _corpus()
        return jsonify(R.history(corpus, _work(corpus, work), request.args.get("provision") or None).to_json())

    @app.get("/api/works/<path:work>/blame")
    def api_blame(work):
        corpus = _corpus()
        when = parse_date(request.args.get("at"), dt.date.today())
        return jsonify(R.blame(corpus, _work(corpus, work), when, request.args.get("provision") or None).to_json())


def _date_diff(work):
    """The redline the page and its /api/ twin both show, from the query's from/to/provision."""
    corpus = _corpus()
    return R.diff_dates(corpus, _work(corpus, work), parse_date(request.args.get("from")),
                        parse_date(request.args.get("to"), dt.date.today()),
                        provision=request.args.get("provision") or None)


def _register_compare(app) -> None:
    @app.get("/compare")
    def compare():
        review = _comparison()
        lang = _lang(review.new.lang)
        return _with_switch(render_review_html(review, lang), lang)

    @app.get("/api/compare")
    def api_compare():
        return jsonify(_comparison().to_json())


def _comparison():
    """Two works compared row by row, for the page and its /api/ twin: ?a=WORK&b=WORK&at=DATE."""
    corpus = _corpus()
    a, b = request.args.get("a"), request.args.get("b")
    if not (a and b):
        raise BadRequest("give two works to compare: ?a=WORK&b=WORK (and &at=DATE)")
    at = parse_date(request.args.get("at")) if request.args.get("at") else None
    return R.diff_works(corpus, _work(corpus, a), _work(corpus, b), at=at)


def _article_html(doc, lang: str, ids: bool) -> str:
    import lxml.html

    return lxml.html.tostring(document_article(doc, lang, ids), encoding="unicode", method="html")
