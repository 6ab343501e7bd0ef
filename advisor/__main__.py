"""`python -m advisor` runs the command line (and, with no command, the desktop app)."""

from advisor.cli import entry

entry()
