"""`python -m lawdiff` runs the command line."""

from lawdiff.cli.main import main

main()
