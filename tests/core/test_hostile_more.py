"""More hostile input, found by an independent audit (about 2,800 generated files through every entry point):
messages stay on one line whatever a file or its name holds, a damaged PDF attachment is a message, saves follow
links and refuse devices, a killed save's temporaries go at the next save at once, and site-list workbooks whose
XML would take openpyxl minutes and gigabytes are refused before it reads them.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from pydantic import ValidationError

from advisor import atomic, io
from advisor.importer import reading
from advisor.importer.messages import ImportFileError
from advisor.importer.preview import preview
from advisor.model import Design, Scenario
from advisor.validation import describe, visible

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"

_spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
make_hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_hostile)
OTHER = sorted(make_hostile.other_cases().items())


def small(name: str = "first") -> Design:
    return Design.model_validate({"name": name, "sites": [{"id": "hq", "kind": "hq", "users": 10}]})


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- messages on one line ------------------------------------------------------------------------------------

def test_visible_writes_controls_and_direction_marks_as_escapes():
    assert visible("a\nb") == "a\\nb"
    assert visible("x\x1b[2Jy") == "x\\x1b[2Jy"
    assert visible("\u202eevil") == "\\u202eevil"
    assert visible("tab\there\r\u2028") == "tab\\there\\r\\u2028"
    assert visible("lone \ud800") == "lone \\ud800"
    assert visible("Zürich Αθήνα 東京 é") == "Zürich Αθήνα 東京 é"  # letters and accents stay as they are


@pytest.mark.parametrize("name", ["reference-with-line-breaks.json", "field-name-with-line-break.json"])
def test_a_line_break_in_the_file_never_breaks_the_message(name):
    with pytest.raises(io.DesignFileError) as exc:
        io.load(HOSTILE / name)
    message = str(exc.value)
    assert "\n" not in message and "\r" not in message and "\x1b" not in message and "\u202e" not in message
    assert message == f"{HOSTILE / name}: invalid design: " + {
        "reference-with-line-breaks.json": "traffic.central_pstn_site: unknown site 'a\\nb\\r\\nc\\x1b[2J\\u202e'",
        "field-name-with-line-break.json": "sites[0].us\\ners: is not a known field (site 'HQ')"}[name]


def test_one_problem_is_one_line_and_several_are_counted():
    one = '{"sites": [{"id": "hq", "users": -1}]}'
    with pytest.raises(io.DesignFileError) as exc:
        io.parse(one, "d.json")
    assert str(exc.value) == "d.json: invalid design: sites[0].users: must be ≥ 0 (site 'hq')"
    three = '{"sites": [{"id": "a", "users": -1}, {"id": "b", "users": -2}, {"id": "c", "users": "x"}]}'
    with pytest.raises(io.DesignFileError) as exc:
        io.parse(three, "d.json")
    first, *rest = str(exc.value).splitlines()
    assert first == "d.json: invalid design, 3 problems:"
    assert rest == ["  sites[0].users: must be ≥ 0 (site 'a')", "  sites[1].users: must be ≥ 0 (site 'b')",
                    "  sites[2].users: must be a whole number (site 'c')"]


def test_a_file_name_with_a_line_break_is_shown_on_one_line(tmp_path):
    bad = tmp_path / "two\nlines\x1b.json"
    bad.write_bytes(b"{")
    with pytest.raises(io.DesignFileError) as exc:
        io.load(bad)
    assert str(exc.value).startswith(f"{tmp_path}/two\\nlines\\x1b.json: not valid JSON")
    assert "\n" not in str(exc.value)


def test_a_very_long_path_is_cut_in_the_middle_keeping_the_file_name():
    path = "/" + "/".join(["d" * 200] * 30) + "/the-design.json"
    with pytest.raises(io.DesignFileError) as exc:
        io.load(path)
    shown = str(exc.value).split(": cannot be read")[0]
    assert len(shown) == io.MAX_SHOWN_PATH and shown.startswith("/ddd") and shown.endswith("d/the-design.json")
    assert "…" in shown


def test_text_that_is_not_unicode_gets_words_not_pydantics():
    with pytest.raises(ValidationError) as exc:
        Scenario.model_validate({"name": "G.711 \udced"})  # a command-line argument of undecodable bytes
    assert describe(exc.value) == ["name: must be valid Unicode text"]


# -- PDFs ----------------------------------------------------------------------------------------------------

def test_the_reproducers_that_are_not_json_are_what_the_script_writes():
    for name, (content, _) in OTHER:
        assert (HOSTILE / name).read_bytes() == content, f"{name}: run tests/data/hostile/make_hostile.py"


def test_a_pdf_attachment_with_a_5000_digit_length_is_a_message():
    name = "pdf-length-5000-digits.pdf"
    with pytest.raises(io.DesignFileError) as exc:
        io.load(HOSTILE / name)
    assert str(exc.value) == (f"{HOSTILE / name}: this PDF is damaged where the design is attached; open the "
                              "design file it was made from")


def test_a_pdf_naming_many_attachments_is_refused_before_they_are_looked_for():
    name = "pdf-many-attachments.pdf"
    with pytest.raises(io.DesignFileError) as exc:
        io.load(HOSTILE / name)
    assert str(exc.value) == (f"{HOSTILE / name}: this PDF carries no design (only PDFs made by advisor do, naming "
                              "one attachment; this one names 1,000)")


def test_a_workbook_given_as_a_design_is_named():
    with pytest.raises(io.DesignFileError, match="a zip file such as an XLSX workbook, not a design file"):
        io.load(HOSTILE / "xlsx-row-of-a-million-cells.xlsx")


# -- saves ---------------------------------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_save_through_a_link_replaces_the_file_it_points_to(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    io.save(small("v1"), shared / "d.json")
    link = tmp_path / "d.json"
    link.symlink_to(shared / "d.json")
    io.save(small("v2"), link)
    assert link.is_symlink()
    assert io.load(shared / "d.json").name == "v2" and io.load(shared / "d.json.bak").name == "v1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json", "shared"]


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_or_a_folder_in_the_way_is_refused_and_left_alone(tmp_path):
    with pytest.raises(OSError) as exc:
        io.save(small(), "/dev/null")  # as root, a replace would have made /dev/null a plain file
    assert exc.value.strerror == "is a device, not a file; choose another file name"
    assert Path("/dev/null").is_char_device()
    link = tmp_path / "null.json"
    link.symlink_to("/dev/null")
    with pytest.raises(OSError, match="is a device"):
        io.save(small(), link)
    with pytest.raises(IsADirectoryError) as exc:
        io.save(small(), tmp_path)
    assert exc.value.strerror == "is a folder; choose a file name"
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(OSError):
        io.save(small(), loop)
    assert loop.is_symlink() and temps(tmp_path) == []


CHILD = textwrap.dedent("""
    import sys
    from advisor import io
    path = sys.argv[1]
    a = io.load(path)
    b = a.model_copy(update={"name": "design B"})
    print("ready", flush=True)
    while True:
        io.save(b, path)
        io.save(a, path)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL") or atomic.fcntl is None, reason="POSIX signals and locks")
def test_the_next_save_at_once_removes_what_a_killed_save_left(tmp_path):
    """No waiting between the kill and the next save: a killed save's temporaries are unlocked, so they go."""
    path = tmp_path / "design.json"
    design = Design.model_validate({
        "name": "design A",
        "sites": [{"id": f"s{i}", "name": f"Site {i}", "users": 20} for i in range(3000)],
        "clouds": [{"id": "wan"}], "links": [{"id": f"l{i}", "a": f"s{i}", "b": "wan"} for i in range(3000)]})
    io.save(design, path)
    io.save(design, path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    left_by_kills = 0
    # Where a kill lands is timing: on a fast, quiet machine a save's temporary file lives a short while, so the
    # delays go round again (at most five times) until at least one kill has landed inside a save.
    delays = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
    for attempt, delay in enumerate(delays * 5):
        if attempt >= len(delays) and left_by_kills:
            break
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, cwd=ROOT, env=env)
        try:
            assert child.stdout.readline().strip() == b"ready"
            subprocess.run(["sleep", str(delay)], check=True)
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(10)
            child.stdout.close()
        left_by_kills += bool(temps(tmp_path))
        assert io.load(path).name in ("design A", "design B")
        assert io.load(tmp_path / "design.json.bak").name in ("design A", "design B")
        io.save(design, path)  # at once
        assert temps(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["design.json", "design.json.bak"]
    assert left_by_kills, "no kill landed inside a save: the test proved nothing"


HOLDER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from advisor import atomic
    fd, tmp = atomic.locked_temp(Path(sys.argv[1]), ".design.json.")
    print(tmp, flush=True)
    sys.stdin.readline()
""")


@pytest.mark.skipif(atomic.fcntl is None, reason="locks")
def test_a_running_save_keeps_its_temporary_however_old(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        live = Path(holder.stdout.readline().decode().strip())
        os.utime(live, (0, 0))  # older than any age rule
        io.save(small(), tmp_path / "design.json")
        assert live.exists()  # locked by a save still running: kept
    finally:
        holder.communicate(b"\n", timeout=10)
    io.save(small(), tmp_path / "design.json")
    assert not live.exists()  # its save ended without replacing it: removed at once


def test_only_our_own_names_count_as_signed(tmp_path):
    fd, tmp = atomic.locked_temp(tmp_path, ".x.json.")
    os.close(fd)
    os.unlink(tmp)
    assert atomic._signed(Path(tmp).name)
    assert not atomic._signed(".x.json.k2k2k2k2.tmp")  # tempfile's names, or a person's, are not ours


# -- site-list workbooks -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, words", [(n, w) for n, (_, w) in OTHER if n.endswith(".xlsx")])
def test_workbooks_that_would_take_minutes_are_refused_before_reading(name, words):
    with pytest.raises(ImportFileError) as exc:
        preview(HOSTILE / name)
    assert words in str(exc.value) and str(exc.value).startswith(name)


def test_the_row_and_part_limits_leave_a_real_site_list_alone(monkeypatch):
    wide = b'<row r="2">' + b'<c r="A2" t="inlineStr"><is><t>Zurich</t></is></c><c r="B2"><v>40</v></c>' + b"</row>"
    data = make_hostile.xlsx(wide)
    heads, sheet = reading.read_xlsx(data, "sites.xlsx")
    assert sheet.rows == [["Site Name", "Users"], ["Zurich", 40]]
    # '<' counted, closing tags too. The header row: <row>, two inline-text cells of 6 (<c><is><t></t></is></c>),
    # </row> = 14. The site's row: <row>, 6, 4 (<c><v></v></c>), </row>, then </sheetData></worksheet> = 14.
    monkeypatch.setattr(reading, "MAX_ROW_TAGS", 14)
    reading.read_xlsx(data, "sites.xlsx")
    monkeypatch.setattr(reading, "MAX_ROW_TAGS", 13)
    with pytest.raises(reading.ReadError, match="row 1 has more than 13 XML elements"):
        reading.read_xlsx(data, "sites.xlsx")


def test_parts_together_are_capped_while_each_is_small(monkeypatch):
    monkeypatch.setattr(reading, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(reading.ReadError, match="its parts together unpack to .* more than 0 MB"):
        reading.read_xlsx(make_hostile.xlsx(b""), "sites.xlsx")


def test_an_empty_zip_is_named_as_a_zip_and_utf32_text_is_read(tmp_path):
    empty = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(empty, "w"):
        pass
    with pytest.raises(ImportFileError, match="a zip file, not an XLSX workbook"):
        preview(empty)
    text = tmp_path / "sites.csv"
    text.write_bytes("Site Name,Users\nZürich,40\n".encode("utf-32"))
    pre = preview(text)
    assert [list(r.cells) for r in pre.rows] == [["Zürich", "40"]]


def test_a_pdf_design_with_a_byte_order_mark_opens_and_one_not_utf8_is_damage(tmp_path):
    """As a design file with a byte-order mark loads, so does one attached to a PDF; an attachment that is not
    UTF-8 is a damaged PDF, not one that "carries no design"."""
    marked = tmp_path / "bom.pdf"
    marked.write_bytes(make_hostile.pdf_with_attachment(b'\xef\xbb\xbf{"name": "Marked"}'))
    assert io.load(marked).name == "Marked"
    broken = tmp_path / "latin1.pdf"
    broken.write_bytes(make_hostile.pdf_with_attachment(b'{"name": "Z\xfcrich"}'))
    with pytest.raises(io.DesignFileError) as exc:
        io.load(broken)
    assert str(exc.value) == (f"{broken}: this PDF is damaged where the design is attached; open the design file "
                              "it was made from")
