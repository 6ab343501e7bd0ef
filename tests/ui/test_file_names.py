"""File names the app must survive: a name whose bytes are not UTF-8 (recent files, the last design, the title)
and a name with a NUL character (save, the tables and the PDF export)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from advisor import io
from advisor.ui import settings
from advisor.ui.app import startup_path

needs_bytes_names = pytest.mark.skipif(sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8",
                                       reason="file names are bytes only on a POSIX system with UTF-8 names")


@pytest.fixture
def latin1_named(tmp_path, sample_design) -> Path:
    """A design saved under "café.json" written in Latin-1, as a file copied from an older system is named."""
    path = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9.json")))
    io.save(sample_design, path)
    return path


@needs_bytes_names
def test_a_name_that_is_not_utf8_stays_in_the_recent_files_and_reopens(window, latin1_named, shown):
    assert window.files.open_path(latin1_named, ask=False)
    assert settings.recent_files()[0] == latin1_named.resolve()
    assert settings.get_path("files/last") == latin1_named.resolve()
    assert startup_path(None) == (latin1_named.resolve(), False)  # the next start opens it again
    assert window.files.save_to(latin1_named)
    assert settings.recent_files().count(latin1_named.resolve()) == 1  # one entry, not a second spelling
    window.files._fill_recent()
    opened = window.files.recent_menu.actions()[0]
    assert opened.text() == "caf\ufffd.json" and "\ufffd" in window.windowTitle()
    before = window.document.design
    opened.trigger()  # the recent entry leads to the file itself
    assert shown == [] and window.document.design is not before and window.document.path == latin1_named.resolve()


def test_paths_in_the_settings_read_back_as_written():
    for text in ("/home/ana/café.json", "/tmp/d/x.json", "C:/Users/ana/design.json"):
        assert settings.text_path(settings.path_text(text)) == Path(text)
    assert settings.path_text("/tmp/caf\udce9.json").isascii()
    assert settings.text_path(settings.path_text("/tmp/caf\udce9.json")) == Path("/tmp/caf\udce9.json")
    assert settings.text_path("fsbytes:not base64!") == Path("fsbytes:not base64!")


def test_saving_under_a_name_with_a_nul_character_is_refused_in_words(window, tmp_path, shown):
    target = str(tmp_path / "a\x00b.json")
    assert window.files.save_to(Path(target)) is False
    (title, text), = shown
    assert title == "Cannot save design" and "NUL character" in text and "Error" not in text


def test_tables_under_a_name_with_a_nul_character_are_refused_in_words(window, tmp_path, shown):
    from advisor.ui.bid.exports import export_tables

    assert export_tables(window, Path(str(tmp_path / "t\x00.csv")), "Sites") is None
    assert export_tables(window, Path(str(tmp_path / "t\x00.xlsx"))) is None
    assert [title for title, _ in shown] == ["Export tables: not written"] * 2
    assert all("t\\x00" in text and "NUL character" in text for _, text in shown)


def test_a_pdf_under_a_name_with_a_nul_character_ends_in_a_message(qtbot, window, tmp_path, shown):
    from advisor.ui.export import export_pdf

    export = export_pdf(window, Path(str(tmp_path / "d\x00.pdf")), ask_open=False)
    with qtbot.waitSignal(export.finished, timeout=60_000) as blocker:
        pass
    assert blocker.args == [""]
    (title, text), = shown
    assert title == "Export PDF" and "NUL character" in text and "\x00" not in text
