"""Setting up a corpus repository so that plain git reads it: ``lawdiff init``.

git shows a work file through a textconv driver. The driver must run the same lawdiff that
wrote the setting: a bare ``lawdiff`` is found only while the virtual environment that
installed it is on ``PATH``, and outside it ``git diff`` fails ("lawdiff: not found"). So the
driver names the interpreter that is running now (``<python> -m lawdiff textconv``), which
finds its own packages wherever git is run from.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from lawdiff import LawdiffError

GITATTRIBUTES_LINE = "*.xml diff=lawdiff"
GITIGNORE_LINE = ".lawdiff.lock"
FOLDERS = ("kz", "sources", "errata")


def textconv_command(python: str | None = None) -> str:
    """The shell command git runs as the diff driver: this interpreter with ``-m lawdiff``."""
    return f"{shlex.quote(python or sys.executable)} -m lawdiff textconv"


def init_corpus(path: Path) -> dict:
    """Create (or complete) a corpus repository at ``path`` and commit what it wrote.

    ``git init``, ``.gitattributes`` sending XML through the lawdiff diff driver,
    ``diff.lawdiff.textconv`` in the repository's config, ``.gitignore`` for the writer lock,
    and the folders ``kz/`` (works), ``sources/``, ``errata/`` (each kept by a ``.gitkeep``
    while empty). The files written are committed, so a clone has the same set-up.

    A non-empty directory is accepted only if it is already a lawdiff corpus (it has ``kz/``);
    one that sits inside a git repository is configured there rather than given a repository
    of its own."""
    import git

    from lawdiff.gitlog import commit, repo_for

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
    written = [_ensure_line(path / ".gitattributes", GITATTRIBUTES_LINE),
               _ensure_line(path / ".gitignore", GITIGNORE_LINE)]
    for folder in FOLDERS:
        (path / folder).mkdir(exist_ok=True)
        if not any((path / folder).iterdir()):
            keep = path / folder / ".gitkeep"
            keep.write_bytes(b"")
            written.append(keep)
    driver = textconv_command()
    with repo.config_writer() as cfg:
        cfg.set_value('diff "lawdiff"', "textconv", driver)
    sha = commit(path, written, "Set up the lawdiff corpus repository",
                 trailers={"Gitattributes": GITATTRIBUTES_LINE})
    return {"path": str(path), "repository": str(Path(repo.working_tree_dir)), "created": created,
            "gitattributes": GITATTRIBUTES_LINE, "textconv": driver, "commit": sha}


def _ensure_line(path: Path, line: str) -> Path:
    """Add ``line`` to the text file ``path`` unless it is there already; returns ``path``."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if line not in text.splitlines():
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + line + "\n", encoding="utf-8")
    return path
