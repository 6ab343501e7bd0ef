"""The desktop app (PySide6): main window, canvas, inspector, docks. Imports the core; the core never imports it.

PySide6 installs an import hook that inspects every module imported after it; if pydantic is then only half
imported, the hook trips pydantic's lazy attributes into a circular import. So when pydantic has been imported
but Qt not yet, finish loading the model (and pydantic's validators) now. With Qt first, all is well, and
start-up can paint the window before paying for pydantic.
"""

import sys

if "pydantic" in sys.modules and "PySide6" not in sys.modules:
    import advisor.model  # noqa: F401  (import order matters, see above)
