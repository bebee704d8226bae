"""The JSON contract: every command's ``--json`` output validates against its schema in
schemas/json/, run as a user runs it (the installed script, from the repository root and from a
subdirectory, and on a scratch corpus after an import and an apply), and docs/json.md documents
every command and only fields the schemas hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import DATA, ROOT, run_script

SCHEMAS = ROOT / "schemas" / "json"
DOC = ROOT / "docs" / "json.md"
SEED_330 = ROOT / "corpus" / "sources" / "seeds" / "004_3863efce43b76de6.txt"
# Synthetic acts (tests/data/ingest/README.md): Rules with chapters and an act amending them.
RULES = DATA / "ingest" / "synthetic_kk_rules_with_chapters.txt"
AMENDING = DATA / "ingest" / "synthetic_kk_web_amending_act.txt"
BASE, AMEND = "kz/terekti-maslikhat/decision/2024/14-3", "kz/terekti-maslikhat/decision/2025/31-2"
W379, W330 = "kz/mlsp/order/2018/379", "kz/government/decree/2009/330"


def _schemas() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMAS.glob("*.json"))}


def _registry() -> Registry:
    return Registry().with_resources((f"{name}.json", Resource.from_contents(schema))
                                     for name, schema in _schemas().items())


def _validator(command: str) -> Draft202012Validator:
    return Draft202012Validator(_schemas()[command], registry=_registry())


def check(command: str, *args: str, cwd: Path = ROOT, codes: tuple[int, ...] = (0,)):
    """Run ``lawdiff <args> --json``; its stdout must parse and validate against the schema."""
    proc = run_script(*args, "--json", cwd=cwd)
    assert proc.returncode in codes, proc.stderr
    data = json.loads(proc.stdout)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(command).iter_errors(data)]
    assert not errors, f"lawdiff {' '.join(args)} --json:\n" + "\n".join(errors[:10])
    return data


def _json_commands() -> list[str]:
    """Every command that takes --json, as its schema file is named ("event list" → event-list)."""
    from lawdiff.cli.main import cli

    def walk(group: click.Group, path: list[str]):
        ctx = click.Context(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if isinstance(command, click.Group):
                yield from walk(command, [*path, name])
            elif any("--json" in p.opts for p in command.params):
                yield "-".join([*path, name])

    return sorted(walk(cli, []))


def test_every_json_command_has_a_valid_schema():
    schemas = _schemas()
    commands = _json_commands()
    assert set(commands) <= set(schemas), f"no schema for {sorted(set(commands) - set(schemas))}"
    assert set(schemas) - {"common"} == set(commands), "a schema for a command without --json"
    for name, schema in schemas.items():
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == f"{name}.json"


def test_the_schemas_refuse_the_old_names_and_unknown_fields():
    """The contract bites: an extra field, a provision called ``provision``, a plain-date ``from``."""
    row = {"work": W379, "type": "order", "number": "379", "date": "2018-08-29", "title": "t", "place": None,
           "place_latin": None, "setting": None, "complete": True, "aliases": {}}
    assert _validator("ls").is_valid([row])
    assert not _validator("ls").is_valid([{**row, "extra": 1}])
    bound = {"date": None, "earliest": "2018-10-02", "determined": False, "default": False, "reason": "r"}
    at = {**row, "status": "in-force", "reason": "r", "interval": {"from": bound, "until": None, "ends_by": None}}
    assert _validator("at").is_valid([at])
    assert not _validator("at").is_valid([{**at, "extra": 1}])
    assert not _validator("at").is_valid([{**at, "interval": {"from": "2018-10-02", "until": None, "ends_by": None}}])
    blame = {"work": W379, "title": "t", "at": "2023-01-01", "status": "in-force", "reason": "r", "complete": True,
             "coverage": None, "known_as_of": None,
             "provisions": [{"eId": "title", "label": "l", "text": "t", "price": None, "status": "in-force",
                             "reason": "r", "act": W379, "by": None, "from": bound, "until": None}]}
    assert _validator("blame").is_valid(blame)
    old = {**blame["provisions"][0], "since": bound}
    del old["from"]
    assert not _validator("blame").is_valid({**blame, "provisions": [old]})


@pytest.mark.parametrize("where", ["root", "subdirectory"])
def test_query_commands_on_the_shipped_corpus(where):
    cwd = ROOT if where == "root" else ROOT / "docs"
    works = check("ls", "ls", cwd=cwd)
    assert len(works) >= 6
    for d in ("2019-01-01", "2023-01-01", "2026-03-01"):
        assert check("at", "at", d, cwd=cwd)
    for w in (W379, W330, "2999"):
        check("timeline", "timeline", w, cwd=cwd)
        check("event-list", "event", "list", w, cwd=cwd)
        check("show", "show", w, "--at", "2023-01-01", cwd=cwd)
        check("log", "log", w, "--all", cwd=cwd)
        check("blame", "blame", w, "--at", "2022-12-01", cwd=cwd)
    rows = check("tariff", "tariff", "--at", "2026-03-01", "--place", "Орал", cwd=cwd)
    assert rows and all(r["from"]["reason"] for r in rows)
    assert check("tariff", "tariff", "--work", "2999", cwd=cwd)
    assert check("tariff", "tariff", "--at", "2020-01-01", "--place", "Орал", cwd=cwd) == []


def test_show_with_a_provision_and_a_partial_work():
    shown = check("show", "show", W379, "--at", "2023-01-01", "--provision", "preamble")
    assert shown["provisions"] and all(p["eId"].startswith("preamble") for p in shown["provisions"])
    missing = check("show", "show", W379, "--at", "2023-01-01", "--provision", "1-қосымша 40-тармақ")
    assert missing["status"] == "not-in-corpus" and missing["provisions"] == []


def test_review_commands_on_the_shipped_corpus():
    dates = check("diff", "diff", W330, "--from", "2022-01-01", "--to", "2023-01-01")
    assert dates["mode"] == "dates" and dates["changes"]
    uncertain = check("diff", "diff", W379, "--from", "2019-01-01", "--to", "2023-01-01")
    assert any(c["alternatives"] for c in uncertain["changes"])
    works = check("diff", "diff", "2999", "668")
    assert any("price" in c for c in works["changes"])
    ended = check("diff", "diff", "2999", "--from", "2026-03-01", "--to", "2027-03-01")
    assert ended["ended"] is not None
    check("amendments", "amendments", "kz/mlsp/order/2022/308")
    check("apply", "apply", "kz/mlsp/order/2022/308", "--dry-run")
    verified = check("verify", "verify", "330", str(SEED_330), codes=(0, 1))
    assert verified["provisions"] and verified["notes_matched"]
    check("index", "index")


def test_after_import_and_apply_on_a_scratch_corpus(scratch_corpus: Path, tmp_path: Path):
    repo = scratch_corpus.parent
    for source in (RULES, AMENDING):
        assert run_script("import", str(source), cwd=repo).returncode == 0
    applied = check("apply", "apply", AMEND, cwd=repo)
    assert applied["changes"] and applied["commit"] and applied["effective"]["reason"]
    check("amendments", "amendments", AMEND, cwd=repo)
    for args in (("show", BASE, "--at", "2030-01-01"), ("log", BASE), ("blame", BASE, "--at", "2030-01-01"),
                 ("timeline", BASE), ("diff", BASE, "--from", "2024-06-01", "--to", "2030-01-01"),
                 ("event", "list", BASE)):
        check("event-list" if args[0] == "event" else args[0], *args, cwd=repo)
    init = check("init", "init", str(tmp_path / "fresh"))
    assert init["created"] is True


def test_import_pending_and_apply_pending_on_a_scratch_corpus(scratch_corpus: Path):
    """The synthetic pending set (tests/data/pending/README.md): a batch import, the acts waiting,
    and apply --pending (one of them is refused, so it exits 1 with every outcome listed)."""
    repo = scratch_corpus.parent
    batch = check("import", "import", str(RULES), str(AMENDING), str(DATA / "pending"), cwd=repo)
    assert batch["summary"]["imported"] == 6 and not batch["summary"]["refused"]
    waiting = check("pending", "pending", cwd=repo)
    assert len(waiting) == 5 and all(p["effective"]["reason"] for p in waiting)
    outcomes = check("apply", "apply", "--pending", cwd=repo, codes=(1,))
    assert {o["status"] for o in outcomes} >= {"applied", "refused"}
    assert check("pending", "pending", cwd=repo)


# -- docs/json.md against the schemas ----------------------------------------------------------------

def _sections() -> dict[str, str]:
    """The docs' sections by command: a "## `lawdiff CMD ...`" heading and the text under it."""
    out: dict[str, str] = {}
    for m in re.finditer(r"^## `lawdiff ([a-z]+(?: list)?)[^`]*`\n(.*?)(?=^## |\Z)", DOC.read_text(encoding="utf-8"),
                         re.M | re.S):
        name = m[1].replace(" ", "-")
        out[name] = out.get(name, "") + m[2]
    return out


def _properties(schema: dict, defs: dict, seen: set[int] | None = None) -> set[str]:
    """Every property name a schema allows anywhere inside it (references followed)."""
    seen = seen if seen is not None else set()
    if id(schema) in seen:
        return set()
    seen.add(id(schema))
    names: set[str] = set()
    for key, value in schema.items():
        if key == "$ref":
            names |= _properties(defs[value.rsplit("/", 1)[1]], defs, seen)
        elif key == "properties":
            names |= set(value)
            for sub in value.values():
                names |= _properties(sub, defs, seen)
        elif isinstance(value, dict):
            names |= _properties(value, defs, seen)
        elif isinstance(value, list):
            for sub in value:
                if isinstance(sub, dict):
                    names |= _properties(sub, defs, seen)
    return names


def _top_level(schema: dict, defs: dict) -> set[str]:
    """The property names of the command's answer object (or of the objects of its list)."""
    body = schema.get("items", schema)
    names = set(body.get("properties", {}))
    for part in [body, *body.get("allOf", [])]:
        if "$ref" in part:
            names |= set(defs[part["$ref"].rsplit("/", 1)[1]].get("properties", {}))
    return names


def test_docs_document_every_command_and_only_schema_fields():
    schemas = _schemas()
    defs = schemas["common"]["$defs"]
    sections = _sections()
    assert set(sections) == set(schemas) - {"common"}, "docs/json.md and schemas/json/ name different commands"
    for name, text in sections.items():
        allowed = _properties(schemas[name], defs) | set(defs)
        documented = set()
        for block in re.findall(r"```json\n(.*?)```", text, re.S):
            documented |= set(re.findall(r'"([A-Za-z_][\w-]*)":', block))
        assert documented <= allowed, f"{name}: documented but not in the schema: {sorted(documented - allowed)}"
        mentioned = set(re.findall(r'"([A-Za-z_][\w-]*)"|`([A-Za-z_][\w-]*)`', text))
        mentioned = {a or b for a, b in mentioned}
        missing = _top_level(schemas[name], defs) - mentioned
        assert not missing, f"{name}: fields of the schema that docs/json.md does not mention: {sorted(missing)}"
