"""Round 59 of the hostile-input hunt, the core: the site-list import (see also tests/cli/test_hostile_round59_cli.py).
Each defect found, as the short sequence that shows it.

- `advisor import empty.csv -o d.json` of a file of 0 bytes, of blank lines alone or of a byte-order mark alone,
  and of a workbook whose sheets hold no cell, said "no header row found in the first 30 rows of the file; a header
  row names at least two columns …", as if the file held rows that named no columns. It now says the file (or the
  sheet, or each sheet) is empty.
- A save through a link to a pipe that the system gives no folder for (/dev/stdout into another program, a link
  to /proc/self/fd/1) was said to fail as "the folder /proc/4711/fd takes no new files (a system folder such as
  /proc or /sys)"; it is now said to lead to a pipe, with '-' for standard output.
- A file named .pdf holding neither a PDF nor JSON ("hello") said only "not valid JSON at line 1, column 1"; it is now
  said to be no PDF, nor a design file.
"""

from __future__ import annotations

import errno
import os

import openpyxl
import pytest

from advisor.importer import ImportFileError, preview
from advisor.io_errors import write_reason

SITE_LIST = "import takes a site list: a header row (Site Name, Users, WAN BW …) and a row per site"


@pytest.mark.parametrize("content", [b"", b"\n\n\n", b"\xef\xbb\xbf", b"\r\n \r\n\t\r\n", b",,,\n,,\n"])
def test_an_empty_site_list_is_said_to_be_empty(tmp_path, content):
    path = tmp_path / "sites.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as refused:
        preview(path)
    assert str(refused.value) == f"sites.csv: the file is empty; {SITE_LIST}"


@pytest.mark.parametrize(("sheets", "expected"), [(1, "its sheet is empty"), (3, "each of its 3 sheets is empty")])
def test_an_empty_workbook_is_said_to_be_empty(tmp_path, sheets, expected):
    book = openpyxl.Workbook()
    book.active["B5"] = "   "  # blanks: nothing a reader sees
    for i in range(1, sheets):
        book.create_sheet(f"Sheet {i + 1}")
    path = tmp_path / "sites.xlsx"
    book.save(path)
    with pytest.raises(ImportFileError) as refused:
        preview(path)
    assert str(refused.value) == f"sites.xlsx: {expected}; {SITE_LIST}"


@pytest.mark.parametrize("content", [b"-\n", b"Hello\n", b"a,b\n", b"Call the customer on Monday.\n"])
def test_a_file_holding_something_still_has_no_header(tmp_path, content):
    path = tmp_path / "sites.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match="no header row found in the first 30 rows of the file"):
        preview(path)


def test_an_empty_file_with_a_header_row_named_says_the_row_is_missing(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportFileError, match=r"the file has no row 1 \(it has 0 rows\)"):
        preview(path, header_row=1)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_save_through_a_link_to_a_pipe_is_said_to_lead_to_one(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "out.csv"
    link.symlink_to(pipe)
    missing = FileNotFoundError(errno.ENOENT, "No such file or directory")
    for path in (pipe, link):
        assert write_reason(missing, path).startswith("it leads to a pipe (as /dev/stdout does when the output goes "
                                                       "to another program), not a file; give - to write to standard")
    assert "takes no new files" in write_reason(missing, tmp_path / "x.csv")  # a plain file name, as before


def test_a_pdf_that_is_no_pdf_is_said_to_be_none(tmp_path):
    # A file named .pdf that holds neither a PDF nor JSON said only "not valid JSON at line 1, column 1"
    from advisor import io
    from advisor.io_errors import DesignFileError

    path = tmp_path / "design.pdf"
    path.write_bytes(b"hello")
    with pytest.raises(DesignFileError) as refused:
        io.load(path)
    assert str(refused.value) == (f"{path}: not a PDF (a PDF starts with '%PDF'; this file does not), nor a design "
                                  "file (not valid JSON at line 1, column 1: a value is missing here)")
    json_named = tmp_path / "design.json"  # the same bytes named .json: the JSON message alone
    json_named.write_bytes(b"hello")
    with pytest.raises(DesignFileError, match=r"design\.json: not valid JSON at line 1"):
        io.load(json_named)


@pytest.mark.parametrize("content", [b"", b"  \n"])
def test_an_empty_pdf_is_said_to_be_empty_not_bad_json(tmp_path, content):
    # A 0-byte .pdf (an export that failed, a copy cut at once) said "not valid JSON: a design file holds one JSON
    # object": nothing of the PDF it was meant to be
    from advisor import io
    from advisor.io_errors import DesignFileError

    path = tmp_path / "design.pdf"
    path.write_bytes(content)
    with pytest.raises(DesignFileError) as refused:
        io.load(path)
    assert str(refused.value) == f"{path}: the file is empty: not a PDF, nor a design file"
    json_named = tmp_path / "design.json"  # a .json says what JSON it lacks, as before
    json_named.write_bytes(content)
    with pytest.raises(DesignFileError, match=r"the file is empty \(not valid JSON"):
        io.load(json_named)
