"""Hostile class files opened through Classroom ▸ Open Class File…: each is refused with one dialog that names the file
and the problem in the app's words (never Python's), the open design stays as it was and no quiz starts; the few
that are valid open into a quiz whose title is shown as text, never as HTML.

The committed files are tests/data/hostile/class-*.class (not *.json: tests/core/test_hostile.py holds every JSON
file of the folder to make_hostile.py's list), written by this module (`python
tests/ui/test_hostile_class_files.py`); files too large or too special to commit (210 MB, a FIFO, a folder) are
made in the test. Expected messages are worded from advisor/ui/classroom/class_file.py, not taken from a run.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
FORMAT = "uc-design-advisor-class"


def _design() -> dict:
    return {"schema_version": 1, "name": "Class base",
            "sites": [{"id": "hq", "name": "HQ", "kind": "hq", "users": 100, "cucm_publisher": True},
                      {"id": "br", "name": "Branch", "users": 20}],
            "clouds": [{"id": "mpls", "kind": "mpls"}],
            "links": [{"id": "l-hq", "a": "hq", "b": "mpls", "capacity_kbps": 10000},
                      {"id": "l-br", "a": "br", "b": "mpls", "capacity_kbps": 1024}]}


def _class(**changes) -> dict:
    data = {"format": FORMAT, "version": 1, "title": "Lab", "hidden": {"kbps": True, "calls": True},
            "tolerances": {"kbps_percent": 1.0, "calls": 0}, "findings_question": "both", "design": _design()}
    data.update(changes)
    return data


def _text(data: dict, ascii_only: bool = True) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=ascii_only) + "\n").encode("utf-8", "surrogatepass")


_VALID = _text(_class())
# name -> (content, words the message must hold after "NAME: "); None: the file opens
CASES: dict[str, tuple[bytes, str | None]] = {
    "class-version-future.class": (_text(_class(version=2, added_later={"x": 1})),
                                  "this class file was saved with version 2, newer than this advisor understands (1); "
                                  "update UC Design Advisor to open it"),
    "class-version-true.class": (_text(_class(version=True)),
                                "version: must be 1, the class file version this advisor reads, not true"),
    "class-version-text.class": (_text(_class(version="1")),
                                'version: must be 1, the class file version this advisor reads, not "1"'),
    "class-version-5000-digits.class": (_VALID.replace(b'"version": 1', b'"version": ' + b"9" * 5000),
                                       "a number at line 3, column 13 has more than 4,300 digits"),
    "class-tolerance-nan.class": (_VALID.replace(b'"kbps_percent": 1.0', b'"kbps_percent": NaN'),
                                 "tolerances.kbps_percent: must be a finite number, not NaN"),
    "class-tolerance-1e999.class": (_VALID.replace(b'"calls": 0', b'"calls": 1e999'),
                                   "tolerances.calls: must be a finite number, not Infinity"),
    "class-tolerance-negative.class": (_text(_class(tolerances={"calls": -1})), "tolerances.calls: must be ≥ 0"),
    "class-title-surrogate-escape.class": (_text(_class(title="\ud800")),
                                          "title: holds a lone surrogate (\\ud800), which is not valid Unicode text"),
    "class-field-name-surrogate.class": (_text(_class(hidden={"\udfff": True})),
                                        "hidden: a field name holds a lone surrogate (\\udfff)"),
    # the UTF-8 bytes of a lone surrogate: json.loads(bytes) let them through as text
    "class-title-surrogate-bytes.class": (_text(_class(title="\ud800"), ascii_only=False),
                                         "not valid UTF-8 text at byte "),
    "class-invalid-utf8.class": (_VALID.replace(b'"Lab"', b'"L\xffb"'), "not valid UTF-8 text at byte "),
    "class-two-byte-order-marks.class": (b"\xef\xbb\xbf\xef\xbb\xbf" + _VALID,
                                        "not valid JSON at line 1, column 1: a second byte-order mark (U+FEFF)"),
    "class-empty.class": (b"", "the file is empty (not valid JSON: a class file holds one JSON object)"),
    "class-truncated.class": (_VALID[:len(_VALID) // 2], "not valid JSON at line "),
    "class-extra-data.class": (_VALID + b"{}", "there is more text after the end of the class file"),
    "class-nested-deeply.class": (b'{"format": "' + FORMAT.encode() + b'", "version": 1, "design": '
                                 + b"[" * 10000 + b"]" * 10000 + b"}", "the JSON is nested too deeply"),
    "class-design-is-a-list.class": (_text(_class(design=[])), '"design" should be a design object, not a list'),
    "class-unknown-fields.class": (_text(_class(**{f"k{i}": i for i in range(2000)})),
                                  "k0: is not a known field; k1: is not a known field; k2: is not a known field; "
                                  "k3: is not a known field; k4: is not a known field; k5: is not a known field; "
                                  "… and 1,994 more"),
    "class-design-invalid.class": (_text(_class(design={**_design(), "sites": [{"id": "a b", "users": -1}]})),
                                  "invalid design, "),
    # valid: they open into a quiz
    "class-utf16.class": (_VALID.decode().encode("utf-16"), None),
    "class-byte-order-mark.class": (b"\xef\xbb\xbf" + _VALID, None),
    "class-title-html.class": (_text(_class(title='<img src="/dev/zero"><b>Lab</b>')), None),
}
REFUSED = sorted(n for n, (_c, words) in CASES.items() if words is not None)


def write_corpus(folder: Path = HOSTILE) -> None:
    for name, (content, _words) in CASES.items():
        (folder / name).write_bytes(content)


def test_the_committed_files_are_what_this_module_writes():
    committed = sorted(p.name for p in HOSTILE.glob("class-*"))
    assert committed == sorted(CASES)
    for name, (content, _words) in CASES.items():
        assert len(content) < 50_000, name
        assert (HOSTILE / name).read_bytes() == content, f"{name}: run python {Path(__file__).name}"


def _assert_refused(win, dialogs, design, path: Path, words: str) -> str:
    assert win.classroom.open_class_file(path) is False
    assert len(dialogs["warning"]) == 1, dialogs["warning"]
    title, text = dialogs["warning"][0]
    assert title == "Cannot open class file"
    assert words in text, text
    assert "Traceback" not in text and "pydantic" not in text and "codec" not in text
    assert win.document.design == design and win.classroom.settings is None
    assert not win.document.modified
    return text


@pytest.mark.parametrize("name", REFUSED)
def test_a_hostile_class_file_is_refused_in_one_dialog_and_the_design_stays(window, dialogs, sample_design, name):
    words = CASES[name][1]
    text = _assert_refused(window, dialogs, sample_design, HOSTILE / name, words)
    assert text.startswith(f"{name}, its design: " if name == "class-design-invalid.class" else f"{name}: ")
    if "invalid design" not in text:
        assert "\n" not in text  # one line


@pytest.mark.parametrize("name", sorted(n for n in CASES if n not in REFUSED))
def test_a_valid_odd_class_file_opens_into_a_quiz(window, dialogs, name):
    # guards for the strict decoding: UTF-16 and a byte-order mark are read as a design's are
    assert window.classroom.open_class_file(HOSTILE / name)
    assert dialogs["warning"] == []
    assert window.classroom.settings is not None and window.classroom.settings.hidden.kbps
    assert window.document.design.name == "Class base"
    if "html" in name:  # the title is text, never HTML
        header = window.classroom.quiz_panel.header.text()
        assert header.startswith("<b>&lt;img src=\"/dev/zero\"&gt;&lt;b&gt;Lab&lt;/b&gt;</b> — ")


def test_special_files_are_refused_before_they_are_read(window, dialogs, sample_design, tmp_path):
    sparse = tmp_path / "big.class.json"
    with open(sparse, "wb") as fh:
        fh.truncate(210 * 2**20)  # sparse: no disk used
    _assert_refused(window, dialogs, sample_design, sparse, f"{sparse}: 210 MB is too large for a class file "
                                                            "(at most 64 MB)")
    folder = tmp_path / "folder.class.json"
    folder.mkdir()
    dialogs["warning"].clear()
    _assert_refused(window, dialogs, sample_design, folder, f"{folder}: is a folder, not a class file")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.class.json"
        os.mkfifo(fifo)
        dialogs["warning"].clear()
        _assert_refused(window, dialogs, sample_design, fifo, "is not a regular file (a device, pipe or socket); "
                                                              "open a class file saved on disk")


def test_a_file_name_that_is_not_utf8_is_shown_with_replacement_characters(window, dialogs, sample_design, tmp_path):
    if sys.platform == "win32":
        pytest.skip("file names are UTF-16 on Windows")
    raw = os.fsencode(tmp_path) + b"/lab-\xff.class.json"
    with open(raw, "wb") as fh:
        fh.write(b"[]")
    text = _assert_refused(window, dialogs, sample_design, Path(os.fsdecode(raw)), "a class file holds a JSON "
                                                                                   "object, not a list")
    # Qt drops a lone surrogate (the undecodable byte): the name would read "lab-.class.json"
    assert text.startswith("lab-\ufffd.class.json: ")


def test_a_bug_while_reading_is_a_dialog_not_an_exception_out_of_the_menu(window, dialogs, sample_design,
                                                                          monkeypatch, tmp_path):
    from advisor.ui.classroom import class_file

    def broken(path):
        raise RuntimeError("line one\nline two")
    monkeypatch.setattr(class_file, "load", broken)
    text = _assert_refused(window, dialogs, sample_design, tmp_path / "lab.class.json", "lab.class.json: cannot be "
                                                                                        "read (RuntimeError: ")
    assert "\n" not in text



# The status bar's figures are written before the quiz's mask hides them: connected the other way round, the analysis
# of the design a class file opens wrote the WAN load over the mask's "hidden".
def test_a_class_file_that_hides_the_bandwidth_hides_the_wan_load(window, dialogs):
    from advisor.ui.classroom import masking

    assert window.classroom.open_class_file(HOSTILE / "class-byte-order-mark.class")  # hides kbps and calls
    window.analysis.run_now()  # the analysis of the design the file opened, as when its worker answers
    assert window.status_kbps.text() == f"WAN load: {masking.HIDDEN_NOTE}"


if __name__ == "__main__":
    write_corpus()
