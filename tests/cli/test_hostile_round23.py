"""Hostile input, round 23: `compare`, `configs`, `exercises`, `report`, `calc` and `erlang` at their edges.

Scenario names holding control characters reached the terminal through `compare`'s column headings; an output
name the system cannot write (a link into a missing folder, a name ending in '/') was found only after the work,
or never (a file named after the folder was written), and `exercises` then left its sheet without its key; a
folder's or a file's line break split the 'wrote' lines; 5,000-digit values filled the error line.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from pathlib import Path

import pytest

from advisor import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"
ONE_SITE = ROOT / "resources" / "examples" / "single-site-campus.json"
NAMES = ROOT / "tests" / "data" / "scenarios" / "names-control-characters.json"
_CONTROLS = {chr(c) for c in range(32)} - {"\n"} | {"\x7f", "\u202e", "\u2028"}


def invoke(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "internal error" not in out.err
    return code, out.out, out.err


def refused(capsys, *argv: str) -> str:
    code, _out, err = invoke(capsys, *argv)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 or lines[0].startswith("usage:")
    return lines[-1]


def test_compare_table_shows_scenario_names_on_one_line_without_control_characters(capsys):
    """The headings are the scenarios' names: ESC [2J cleared the terminal, a line break split the heading."""
    code, out, _err = invoke(capsys, "compare", str(NAMES))
    assert code == 0
    lines = out.splitlines()
    assert not _CONTROLS & set(out)
    assert set(lines[1]) == {"-", " "}  # the rule right under the one heading line
    assert lines[0].split() == ["Current", "design", "clear?[2J?", "?right-to-left", "two?lines??and?more"]


@pytest.fixture
def dangling(tmp_path) -> Path:
    link = tmp_path / "key.pdf"
    link.symlink_to(tmp_path / "gone" / "key.pdf")
    return link


def test_exercises_refuses_a_key_through_a_link_into_a_missing_folder_before_writing_the_sheet(
        capsys, tmp_path, dangling):
    sheet = tmp_path / "sheet.pdf"
    line = refused(capsys, "exercises", "--count", "1", "-o", str(sheet), "--answers", str(dangling))
    assert line.startswith("advisor: error: --answers: ")
    assert f"is a link to {tmp_path / 'gone' / 'key.pdf'}, and the folder {tmp_path / 'gone'} does not exist" in line
    assert not sheet.exists()


def test_report_names_the_missing_folder_behind_a_link_before_building(capsys, monkeypatch, dangling):
    """It said 'the folder … takes no new files (a system folder such as /proc …)' of an ordinary folder, after
    building the whole document."""
    import advisor.report

    monkeypatch.setattr(advisor.report, "build_pdf", lambda *a, **k: pytest.fail("built before the check"))
    line = refused(capsys, "report", str(EXAMPLE), "-o", str(dangling))
    assert f"the folder {dangling.parent / 'gone'} does not exist" in line and "system folder" not in line


@pytest.mark.parametrize("argv, option", [
    (["report", str(EXAMPLE), "-o"], "-o"),
    (["exercises", "--count", "1", "-o"], "-o"),
    (["exercises", "--count", "1", "--answers"], "--answers"),
    (["compare", str(EXAMPLE), "--csv"], "--csv"),
    (["compare", str(EXAMPLE), "--xlsx"], "--xlsx"),
])
def test_a_name_ending_in_a_slash_is_a_folder_not_a_file(capsys, tmp_path, argv, option):
    """`-o out/` wrote a file called 'out'."""
    target = str(tmp_path / "out") + "/"
    line = refused(capsys, *argv, target)
    assert f"{target}: ends in '/', so it names a folder" in line or f"{target} ends in '/', so it names" in line
    assert list(tmp_path.iterdir()) == []


def test_compare_refuses_an_output_in_a_missing_folder_before_the_analyses(capsys, monkeypatch, tmp_path):
    from advisor import scenarios

    monkeypatch.setattr(scenarios, "compare", lambda *a, **k: pytest.fail("analysed before the check"))
    line = refused(capsys, "compare", str(EXAMPLE), "--vary", "codec=g711,g729", "--csv",
                   str(tmp_path / "missing" / "x.csv"))
    assert line.endswith(f"the folder {tmp_path / 'missing'} does not exist")


def test_report_says_what_it_wrote_on_one_line(capsys, tmp_path):
    target = tmp_path / "two\nlines.pdf"
    code, out, _err = invoke(capsys, "report", str(ONE_SITE), "-o", str(target), "--issued", "2026-01-02")
    assert code == 0 and target.is_file()
    assert out.count("\n") == 1 and out.startswith(f"wrote {tmp_path}/two?lines.pdf (")


def test_configs_says_what_it_wrote_on_one_line(capsys, tmp_path):
    folder = tmp_path / "a\nb"
    code, out, _err = invoke(capsys, "configs", str(ONE_SITE), "-o", str(folder))
    assert code == 0 and (folder / "campus.txt").is_file()
    assert out.splitlines() == [f"wrote {tmp_path}/a?b/campus.txt (site 'Main campus')",
                                f"1 configuration sketch to review in {tmp_path}/a?b"]


def test_configs_into_a_link_to_a_missing_folder(capsys, tmp_path):
    """mkdir of a dangling link said 'File exists'."""
    link = tmp_path / "sketches"
    link.symlink_to(tmp_path / "gone")
    line = refused(capsys, "configs", str(ONE_SITE), "-o", str(link))
    assert line == (f"advisor: error: {link}: is a link to {tmp_path / 'gone'}, which does not exist; give a folder "
                    "for the sketches")


def test_configs_names_the_folder_not_a_temporary_when_it_cannot_write(capsys, monkeypatch, tmp_path):
    """A read-only folder: the message named '.hq.txt.k3j2l1m0.tmp', a file the user never asked for."""
    from advisor import atomic

    def refuse(folder, prefix):  # the temporary the save would make is what the system names
        raise PermissionError(13, "Permission denied", os.path.join(folder, f"{prefix}abcdefgh.tmp"))

    monkeypatch.setattr(atomic, "locked_temp", refuse)
    line = refused(capsys, "configs", str(ONE_SITE), "-o", str(tmp_path))
    assert line == f"advisor: error: {tmp_path}: cannot be written: Permission denied"


@pytest.mark.parametrize("argv, words", [
    (["erlang", "--traffic", "9" * 5000, "--gos", "0.01"],
     "--traffic: a number of 5,000 digits is beyond what this tool sizes"),  # "must be a finite number"
    (["erlang", "--trunks", "9" * 400, "--gos", "0.01"], "--trunks: a number of 400 digits is beyond"),
    (["erlang", "--traffic", "x" * 5000, "--gos", "0.01"], "got a value of 5,000 characters"),
    (["calc", "--calls", "9" * 5000], "--calls: a number of 5,000 digits is beyond what this tool sizes"),
    (["compare", str(EXAMPLE), "--vary", "calls=abc"], "--vary calls=abc: 'abc' is not a number"),  # calls_per_user
])
def test_long_and_mistyped_values_are_named_shortly(capsys, argv, words):
    line = refused(capsys, *argv)
    assert words in line and len(line) < 200


@pytest.mark.parametrize("topics, shown", [
    ("packet\u200b", "unknown topic 'packet\\u200b'"),  # was printed invisibly: 'packet​' looked right
    ("Packet\x1b[2J", "unknown topic 'Packet\\x1b[2J'"),  # was lower-cased: 'packet?[2j'
    ("p" * 10_000, "unknown topic '" + "p" * 39 + "…'"),  # filled the error line
])
def test_an_unknown_topic_is_shown_as_typed_and_visible(capsys, topics, shown):
    line = refused(capsys, "exercises", "--topics", topics)
    assert line == f"advisor: error: --topics: {shown}; topics: packet, erlang, link, vpn, deployment, flaws"


def test_compare_names_the_file_and_place_of_a_saved_scenario_that_no_longer_applies(capsys, monkeypatch):
    """It said "scenario 'gone': codec: …", as if the scenario came from the command line, after analysing."""
    from advisor import scenarios

    monkeypatch.setattr(scenarios, "compare", lambda *a, **k: pytest.fail("analysed before the check"))
    design = ROOT / "tests" / "data" / "scenarios" / "stale-unknown-codec.json"
    line = refused(capsys, "compare", str(design))
    assert line.startswith(f"advisor: error: {design}: scenarios[1]: scenario 'gone': codec: unknown codec 'nope'")


class _FullStream(io.StringIO):
    """A standard error on a full disk (`2>/dev/full`)."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def isatty(self) -> bool:
        return False


@pytest.mark.parametrize("stderr", [None, _FullStream()], ids=["closed", "full"])
def test_report_progress_that_cannot_be_shown_does_not_stop_the_document(monkeypatch, tmp_path, stderr):
    """`report --progress 2>&-` ended in an internal error ('NoneType' has no 'isatty'), `2>/dev/full` too."""
    monkeypatch.setattr(sys, "stderr", stderr)
    target = tmp_path / "x.pdf"
    code = cli.main(["report", str(ONE_SITE), "-o", str(target), "--progress", "--issued", "2026-01-02"])
    assert code == 0 and target.read_bytes().startswith(b"%PDF")
