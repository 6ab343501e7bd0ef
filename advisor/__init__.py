"""UC Design Advisor: size and secure unified-communications WANs.

The core (this package, minus ``advisor.ui``) is pure Python and never imports Qt.
"""

__version__ = "0.1.0"
