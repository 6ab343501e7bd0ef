"""The files a workbook's sheets stream their rows into: none stays after an export, saved or stopped, and those of
an export killed midway are removed by the next one, never those of an export still running."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import textwrap

import openpyxl
import pytest

from advisor import atomic, tabular
from advisor.tabular import sheet
from advisor.xlsx_temps import PREFIX

ROWS = tuple((f"site {i}", i, i * 1.5) for i in range(2_000))
TABLES = [sheet("Links", ("link", "calls", "kbps"), ROWS, title="Links"), sheet("Sites", ("site",), (("a",),))]


@pytest.fixture
def temp_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_a_saved_workbook_leaves_no_file_behind(temp_folder):
    data = tabular.xlsx_bytes(TABLES)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    rows = list(book["Links"].iter_rows(values_only=True))
    assert rows[0][0] == "Links" and rows[1] == ("link", "calls", "kbps")
    assert rows[2:] == [tuple(row) for row in ROWS]  # every row streamed through our file
    assert sorted(os.listdir(temp_folder)) == []


def test_a_stopped_workbook_leaves_no_file_behind(temp_folder):
    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        tabular.xlsx_bytes(TABLES, progress=stop)
    assert sorted(os.listdir(temp_folder)) == []


KILLED = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, sys.argv[1])
    from advisor import tabular
    from advisor.tabular import sheet
    rows = tuple((f"site {i}", i) for i in range(2_000))
    def die(done, total):
        os.kill(os.getpid(), signal.SIGKILL)  # midway, with rows written to the sheet's file
    tabular.xlsx_bytes([sheet("Links", ("link", "calls"), rows)], progress=die)
""")


def test_the_next_export_removes_what_a_killed_one_left(temp_folder):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = {**os.environ, "TMPDIR": str(temp_folder)}
    proc = subprocess.run([sys.executable, "-c", KILLED, root], env=env, capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr
    left = os.listdir(temp_folder)
    assert len(left) == 1 and left[0].startswith(PREFIX), left  # the killed sheet's file, ours by its name
    assert os.path.getsize(temp_folder / left[0]) > 0
    tabular.xlsx_bytes(TABLES)
    assert sorted(os.listdir(temp_folder)) == []


def test_a_running_exports_file_is_never_removed(temp_folder):
    fd, held = atomic.locked_temp(temp_folder, PREFIX)  # as another process's export holds its sheet's file
    try:
        tabular.xlsx_bytes(TABLES)
        assert os.listdir(temp_folder) == [os.path.basename(held)]
    finally:
        os.close(fd)
