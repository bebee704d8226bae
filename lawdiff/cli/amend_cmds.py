"""Commands: amend_cmds."""

from lawdiff.cli.group import cli  # noqa: F401
