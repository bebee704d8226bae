"""The command line: a thin click layer over :mod:`lawdiff.api`, one module per area."""
