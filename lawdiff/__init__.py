"""lawdiff: Kazakh normative acts as versioned XML under git.

The public Python API lives in :mod:`lawdiff.api`; the command line in
:mod:`lawdiff.cli` only wraps it.
"""



def __getattr__(name: str) -> str:
    """``lawdiff.__version__``, read on first use: the one version source is pyproject.toml,
    through the installed metadata, and importing importlib.metadata costs a query's start
    more than the rest of lawdiff it needs."""
    if name != "__version__":
        raise AttributeError(f"module 'lawdiff' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("lawdiff")
    except PackageNotFoundError:     # run from a source tree that was never installed
        found = "unknown"
    globals()["__version__"] = found
    return found


class LawdiffError(Exception):
    """A user-facing error: the CLI prints its message on one line and exits with
    :attr:`exit_code` (1: bad input, the default).

    Raise it (or a subclass) for anything caused by input or data rather than by
    a bug, and make the message name the file, line or instruction at fault.
    """

    exit_code = 1


class CorpusStateError(LawdiffError):
    """The corpus is not in a state to answer or to be written (none found, git cannot
    commit): the input was fine, the place it applies to is not. Exit code 3."""

    exit_code = 3


class ConflictError(LawdiffError):
    """Another writer, or a change made meanwhile, stands in the way; trying again later may
    succeed. Exit code 4."""

    exit_code = 4


#: Exit codes of the command line, documented in docs/json.md ("Exit codes").
EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_CORPUS_STATE, EXIT_CONFLICT = 0, 1, 2, 3, 4
EXIT_INTERNAL = 70      # a bug (sysexits' EX_SOFTWARE), never bad input
