"""Git as the audit trail: one commit per recorded legal change, with trailers.

Commit dates are transaction time (when the corpus learnt something), never legal dates;
the legal dates are in the trailers and in the XML.
"""

from __future__ import annotations

from pathlib import Path

from lawdiff import LawdiffError


def repo_for(path: Path):
    """The git repository holding ``path``, or None when it is not under git."""
    import git

    try:
        return git.Repo(Path(path).resolve(), search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None


def commit(corpus_root: Path, paths: list[Path], subject: str, body: str = "",
           trailers: dict[str, str] | None = None) -> str | None:
    """Commit exactly ``paths`` with a message and trailers; returns the sha, or None when
    the corpus is not under git. Other staged or unstaged changes are left alone."""
    repo = repo_for(corpus_root)
    if repo is None:
        return None
    top = Path(repo.working_tree_dir).resolve()
    rel = [str(Path(p).resolve().relative_to(top)) for p in paths]
    message = subject.strip() + "\n"
    if body:
        message += "\n" + body.strip() + "\n"
    if trailers:
        message += "\n" + "\n".join(f"{k}: {v}" for k, v in trailers.items()) + "\n"
    try:
        repo.git.add("--", *rel)
        ours = set(repo.git.diff("--cached", "--name-only", "--", *rel).split("\n")) - {""}
        if not ours:
            return None
        staged = set(repo.git.diff("--cached", "--name-only").split("\n")) - {""}
        # A commit limited by paths re-reads the whole index; when nothing but our files is
        # staged, a plain commit records exactly the same change, faster on a large corpus.
        if staged == ours:
            repo.git.commit("-q", "-m", message)
        else:
            repo.git.commit("-q", "-m", message, "--", *rel)
    except Exception as exc:  # git's own message is the useful one
        raise LawdiffError(f"git commit failed: {str(exc).splitlines()[-1].strip()}") from None
    return repo.head.commit.hexsha
