"""No Qt object is built with a property keyword that starts with 'i' (`QTimer(self, interval=50)`): PySide finds
the property's setter by upper-casing its first letter with the C library's locale, and under a Turkish locale
'i' becomes 'İ', so `setİnterval` is not found: the window was never built and the app hung at start-up. Those
properties are set by their setters instead. Read from the source, so no Turkish locale needs to be installed."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "advisor" / "ui"


def _qt_name(func: ast.expr) -> str | None:
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    return name if name and name.startswith("Q") and name[1:2].isupper() else None


def test_no_qt_constructor_takes_a_property_keyword_starting_with_i():
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (name := _qt_name(node.func)) is not None:
                found += [f"{path.relative_to(UI)}:{node.lineno} {name}({k.arg}=…)" for k in node.keywords
                          if k.arg and k.arg[0] in "iI"]
    assert not found, found


def test_the_check_finds_such_a_keyword(tmp_path):
    tree = ast.parse("t = QTimer(self, singleShot=True, interval=50)")
    call = tree.body[0].value
    assert _qt_name(call.func) == "QTimer" and [k.arg for k in call.keywords if k.arg[0] == "i"] == ["interval"]
