"""Entry point: imports every command module so their commands register on the group."""

from __future__ import annotations

import sys

from lawdiff.cli import amend_cmds, corpus_cmds, index_cmds, query_cmds, review_cmds, verify_cmds  # noqa: F401  (registration)
from lawdiff.cli.common import describe_date_parameters
from lawdiff.cli.group import cli, run

describe_date_parameters(cli)


def main() -> None:
    sys.exit(run())


__all__ = ["cli", "main"]
