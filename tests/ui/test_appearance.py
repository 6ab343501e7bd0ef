"""The colour-scheme question asked before the first paint: Qt's own answer, read as an integer."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from advisor.ui import appearance

native = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the integer read is checked on Linux")


@native
def test_the_integer_read_calls_the_live_qt_object(qapp):
    # The same route as the colour scheme, on a getter whose value the test can set: the read sees the live object.
    hints = QGuiApplication.styleHints()
    before = hints.cursorFlashTime()
    try:
        for value in (1234, 987):
            hints.setCursorFlashTime(value)
            assert appearance._int_getter(hints, "_ZNK11QStyleHints15cursorFlashTimeEv") == value
    finally:
        hints.setCursorFlashTime(before)


@native
def test_the_colour_scheme_read_as_an_integer_is_qts_answer(qapp):
    assert appearance._native_color_scheme() == QGuiApplication.styleHints().colorScheme().value
    assert appearance.COLOR_SCHEME_DARK == Qt.ColorScheme.Dark.value


def test_dark_when_qt_says_dark_and_the_enum_route_where_no_integer_read(qapp, monkeypatch):
    monkeypatch.setattr(appearance, "_native_color_scheme", lambda: Qt.ColorScheme.Dark.value)
    assert appearance.system_is_dark() and appearance.is_dark("system")
    monkeypatch.setattr(appearance, "_native_color_scheme", lambda: Qt.ColorScheme.Light.value)
    assert not appearance.system_is_dark()
    assert appearance.is_dark("dark") and not appearance.is_dark("light")
    monkeypatch.setattr(appearance, "_native_color_scheme", lambda: None)  # e.g. Windows: Qt's enum decides
    expected = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    assert appearance.system_is_dark() == expected


def test_an_unknown_symbol_is_no_answer_not_a_crash(qapp):
    assert appearance._int_getter(QGuiApplication.styleHints(), "_ZNK11QStyleHints14noSuchFunctionEv") is None


def test_the_light_palette_is_fusions_own(qapp):
    # Start-up builds it without asking the style (appearance.apply_palette); it must be what the style would give
    # (this test runs under an unknown colour scheme, where Fusion's standard palette is its light one).
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QStyleFactory

    fusion = QStyleFactory.create("Fusion").standardPalette()
    ours = appearance.light_palette()
    groups = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled)
    roles = [r for r in QPalette.ColorRole if r not in (QPalette.ColorRole.NoRole, QPalette.ColorRole.NColorRoles)]
    for group in groups:
        for role in roles:
            assert ours.brush(group, role) == fusion.brush(group, role), (group.name, role.name)


def test_the_app_starts_with_fusion_from_its_arguments(qapp):
    # What run() gives QApplication: Qt's own -style option, honoured even over QT_STYLE_OVERRIDE.
    import os
    import subprocess

    code = ("import sys\nfrom PySide6.QtWidgets import QApplication\nfrom advisor.ui import appearance\n"
            "app = QApplication(['advisor', *appearance.FUSION_ARGS])\nprint(app.style().name())")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_STYLE_OVERRIDE="windows")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "fusion"
