"""``lawdiff init``: a corpus repository whose git diff reads provision by provision."""

from __future__ import annotations

from pathlib import Path

from lawdiff import LawdiffError

GITATTRIBUTES_LINE = "*.xml diff=lawdiff"
TEXTCONV_COMMAND = "lawdiff textconv"


def init_corpus(path: Path) -> dict:
    """Create (or complete) a corpus repository at ``path``: ``git init``, ``.gitattributes``
    sending XML through the lawdiff diff driver, ``diff.lawdiff.textconv`` in the repository's
    config, and the folders ``kz/`` (works), ``sources/``, ``errata/``.

    A non-empty directory is accepted only if it is already a lawdiff corpus (it has ``kz/``);
    one that sits inside a git repository is configured there rather than given a repository
    of its own."""
    import git

    from lawdiff.gitlog import repo_for

    path = Path(path)
    if path.exists() and not path.is_dir():
        raise LawdiffError(f"{path} exists and is not a directory")
    non_empty = path.is_dir() and any(path.iterdir())
    if non_empty and not (path / "kz").is_dir():
        raise LawdiffError(f"{path} is not empty and is not a lawdiff corpus (no kz/ folder): "
                           "use a new or empty directory")
    path.mkdir(parents=True, exist_ok=True)
    repo = repo_for(path) if non_empty else None
    created = repo is None
    if repo is None:
        try:
            repo = git.Repo.init(path)
        except git.GitCommandError as exc:
            raise LawdiffError(f"git init {path} failed: {str(exc).splitlines()[-1].strip()}") from None
    _ensure_line(path / ".gitattributes", GITATTRIBUTES_LINE)
    _ensure_line(path / ".gitignore", ".lawdiff.lock")
    for folder in ("kz", "sources", "errata"):
        (path / folder).mkdir(exist_ok=True)
        if not any((path / folder).iterdir()):
            (path / folder / ".gitkeep").write_bytes(b"")
    with repo.config_writer() as cfg:
        cfg.set_value('diff "lawdiff"', "textconv", TEXTCONV_COMMAND)
    return {"path": str(path), "repository": str(Path(repo.working_tree_dir)), "created": created,
            "gitattributes": GITATTRIBUTES_LINE, "textconv": TEXTCONV_COMMAND}


def _ensure_line(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if line in text.splitlines():
        return
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
