"""Hostile stored settings, round 22: a settings file edited by hand (or written by another program) may hold any
value Qt reads back, not only the types the app writes. A recent-files entry of ``@Point(1 2)`` or a number made the
Open Recent menu raise TypeError each time it opened; an infinite layout version made start-up raise
OverflowError before the design was opened; 10,000 recent names filled the menu far past the screen. Each now reads
as the default, and the window opens as it does with no settings at all. A saved geometry at the far edge of Qt's
coordinates made keeping the window on screen raise OverflowError at start-up; and whatever restoring the layout
raises, the design named at start still opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QDataStream, QIODevice

from advisor.ui import app as app_module
from advisor.ui import settings

# Values in QSettings' INI syntax, as Qt itself writes them: a point, a double (2.5 and +infinity), an invalid value.
POINT, DOUBLE, INFINITE = "@Point(1 2)", r"@Variant(\0\0\0\x6@\x4\0\0\0\0\0\0)", r"@Variant(\0\0\0\x6\x7f\xf0\0\0\0\0\0\0)"


def _write_ini(text: str) -> None:
    path = Path(settings.qsettings().fileName())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _recent_menu(window) -> list[str]:
    window.files._fill_recent()  # what the menu's aboutToShow runs
    return [action.text() for action in window.files.recent_menu.actions() if not action.isSeparator()]


@pytest.mark.parametrize("value", [POINT, DOUBLE, INFINITE, "@Rect(0 0 5 5)", "@Invalid()"])
def test_a_recent_files_entry_of_another_type_reads_as_no_recent_files(window, value):
    _write_ini(f"[files]\nrecent={value}\n")
    assert settings.recent_files() == []
    assert _recent_menu(window) == ["(no recent designs)"]


def test_entries_that_are_not_names_are_left_out_of_the_recent_files(window, tmp_path):
    design = tmp_path / "wan.json"
    _write_ini(f"[files]\nrecent={POINT}, {design}, @Invalid(), {DOUBLE}, , {design.with_name('b.json')}\n")
    assert settings.recent_files() == [design, design.with_name("b.json")]
    assert _recent_menu(window) == ["wan.json", "b.json", "Clear list"]


def test_ten_thousand_recent_names_show_as_the_newest_eight(window, tmp_path):
    names = [str(tmp_path / f"d{i}.json") for i in range(10_000)]
    _write_ini("[files]\nrecent=" + ", ".join(names) + "\n")
    assert settings.MAX_RECENT == 8
    assert _recent_menu(window) == [f"d{i}.json" for i in range(8)] + ["Clear list"]
    settings.add_recent(tmp_path / "new.json")  # the list written back holds eight again
    assert settings.get("files/recent") == [str(tmp_path / "new.json"), *names[:7]]


@pytest.mark.parametrize("value", [INFINITE, "nan", "@Point(1 2)", "3.5.1", r"@Variant(\0\0\0\x6\x7f\xf8\0\0\0\0\0\0)"])
def test_a_layout_version_that_is_not_a_whole_number_restores_no_layout(window, value):
    window.save_layout()
    state = settings.qsettings().value("window/state")
    _write_ini(f"[window]\nstate_version={value}\n")
    settings.put("window/state", state)
    settings.put("window/state_check", settings.layout_check(state))  # the layout is whole: only the version is wrong
    assert settings.get("window/state_version") == 0
    window._layout_restored = False
    window.restore_layout()  # raised OverflowError for the infinite double, before the design was opened
    assert window._layout_restored is False


@pytest.mark.parametrize("value", [POINT, DOUBLE, "@ByteArray(dark)", "@Invalid()"])
def test_a_theme_or_last_design_of_another_type_reads_as_the_default(window, value):
    _write_ini(f"[view]\ntheme={value}\n[files]\nlast={value}\n")
    assert settings.get("view/theme") == "system"
    assert settings.get_path("files/last") is None
    path, is_example = app_module.startup_path(None)
    assert is_example and path.name == app_module.DEFAULT_EXAMPLE


def test_a_hand_edited_list_as_the_last_design_is_not_taken_for_a_path(tmp_path):
    # An unquoted comma makes QSettings read a list: it was turned into the text "['a', ' b']" and tried as a path.
    _write_ini(f"[files]\nlast={tmp_path / 'a'}, b.json\n")
    assert settings.get("files/last") == ""


def _geometry(left: int, top: int, right: int, bottom: int, screen_width: int) -> QByteArray:
    """A saved window geometry as QWidget::saveGeometry writes it (format 3.0), with the given frame corners."""
    blob = QByteArray()
    out = QDataStream(blob, QIODevice.OpenModeFlag.WriteOnly)
    out.writeUInt32(0x1D9D0CB)
    out.writeUInt16(3)
    out.writeUInt16(0)
    for _rect in range(2):  # the frame geometry, then the normal geometry
        for value in (left, top, right, bottom):
            out.writeInt32(value)
    out.writeInt32(0)  # screen number
    out.writeUInt8(0)  # maximized
    out.writeUInt8(0)  # full screen
    out.writeInt32(screen_width)
    for value in (left, top, right, bottom):  # the geometry without the frame
        out.writeInt32(value)
    return blob


def test_a_saved_geometry_at_the_far_edge_of_the_coordinates_is_brought_on_screen(window):
    # Restored there, the window's frame wrapped around Qt's coordinates: keeping it on screen raised OverflowError
    # at start-up, after the docks were built and before the design was opened.
    edge = -(2**31) + 1
    settings.put("window/geometry", _geometry(edge, edge, edge + 900, edge + 700, window.screen().size().width()))
    window.restore_layout()
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry().topLeft())
    assert window.width() <= available.width() and window.height() <= available.height()


def test_a_saved_layout_that_cannot_be_restored_never_stops_the_start(qtbot, tmp_path, monkeypatch, caplog):
    # Whatever a damaged settings file does to restoring the layout, the design named at start still opens.
    import sys

    from advisor import io
    from advisor.model import Design
    from advisor.ui import screen_fit
    from advisor.ui.main_window import MainWindow

    def broken(_window):
        raise OverflowError

    target = tmp_path / "opened.json"
    io.save(Design(name="Opened at start"), target, backup=False)
    settings.put("window/geometry", _geometry(10, 40, 900, 700, 800))
    monkeypatch.setattr(screen_fit, "keep_on_screen", broken)
    monkeypatch.setattr(app_module, "_offer_recovery", lambda _window: lambda: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # _finish_start installs the app's own
    window = MainWindow(deferred=True)
    try:
        window.restore_layout()
        window.show()
        app_module._finish_start(window, str(target), "")
        assert window.document.design.name == "Opened at start" and window.document.path == target
        assert "the saved window layout cannot be restored" in caplog.text
    finally:
        window.close()
        window.deleteLater()


def _restores(window, monkeypatch) -> list[bytes]:
    """The layouts restore_layout hands to Qt (recorded, not restored: a damaged one may crash the process)."""
    asked: list[bytes] = []
    monkeypatch.setattr(type(window), "restoreState", lambda _self, state, _version=0: asked.append(bytes(state))
                        or True)
    window._layout_restored = False
    window.restore_layout()
    return asked


@pytest.mark.parametrize("damage", ["one byte", "truncated", "no checksum"])
def test_a_damaged_dock_layout_is_never_handed_to_qt(window, monkeypatch, damage):
    # With byte 14 of the layout Qt 6.11 writes changed from 0 to 0x33, QMainWindow::restoreState crashed the
    # process (a segmentation fault): every start of the app, before its window showed.
    window.save_layout()
    state = bytes(settings.get("window/state"))
    if damage == "one byte":
        settings.put("window/state", QByteArray(state[:14] + b"\x33" + state[15:]))
    elif damage == "truncated":
        settings.put("window/state", QByteArray(state[: len(state) // 2]))
    else:  # written by a version that kept no checksum
        settings.put("window/state_check", "")
    assert _restores(window, monkeypatch) == []
    assert window._layout_restored is False


def test_a_whole_dock_layout_is_restored(window, monkeypatch):
    window.save_layout()
    state = bytes(settings.get("window/state"))
    assert _restores(window, monkeypatch) == [state]
    assert window._layout_restored is True
