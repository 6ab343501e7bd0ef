"""`python -m advisor` runs the command line (and, with no command, the desktop app)."""

import sys

from advisor.cli import main

sys.exit(main())
