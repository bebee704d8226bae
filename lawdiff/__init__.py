"""lawdiff: Kazakh normative acts as versioned XML under git.

The public Python API lives in :mod:`lawdiff.api`; the command line in
:mod:`lawdiff.cli` only wraps it.
"""

__version__ = "0.1.0"


class LawdiffError(Exception):
    """A user-facing error: the CLI prints its message on one line and exits 1.

    Raise it (or a subclass) for anything caused by input or data rather than by
    a bug, and make the message name the file, line or instruction at fault.
    """
