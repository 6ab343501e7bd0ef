"""Hostile input, round 47, on the command line.

- `advisor compare` on a design whose saved option is called "Current design" showed two columns of that name
  (the app refuses the name; a file edited by hand or by a script holds it all the same).
- A file name that is not valid in the file system's encoding (an undecodable byte) was printed three ways: as
  U+FFFD by the messages about reading a design, as '\\udcff' by those about a folder, and as '?' in the "wrote"
  lines. And `advisor import` of such a file refused it: the design's name and notes ("Sites from s\\udcff.csv")
  were "not valid Unicode text".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"
POSIX_NAMES = pytest.mark.skipif(sys.platform == "win32", reason="file names are UTF-16 on Windows")
REPLACEMENT = "\ufffd".encode()  # U+FFFD in UTF-8, as the app shows an undecodable byte


def run(*args: str | bytes, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real program, its output as bytes: how a byte of a name reaches the terminal is what is tested."""
    return subprocess.run([sys.executable, "-m", "advisor", *args], capture_output=True, timeout=120, cwd=ROOT,
                          env={**os.environ, "PYTHONIOENCODING": "", **(env or {})})


def _with_options(tmp_path: Path, *names: str) -> Path:
    design = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    design["scenarios"] = [{"name": name, "codec": codec} for name, codec in zip(names, ("g729", "g711", "ilbc-20"),
                                                                              strict=False)]
    path = tmp_path / "options.json"
    path.write_text(json.dumps(design, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["Current design", "current DESIGN", "  Current   design ",
                                  "Current\u00a0design", "Current design\u200b"])
def test_compare_refuses_an_option_named_as_the_design_itself(tmp_path, capsys, name):
    """Each of these reads as the first column's heading: case, spacing, a no-break space and a zero-width space
    aside. The refusal names the file, the scenario's place and what to do; nothing is compared."""
    from advisor import cli

    path = _with_options(tmp_path, "G.729 option", name)
    for extra in ([], ["--json"]):
        assert cli.main(["compare", str(path), *extra]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith(f"advisor: error: {path}: scenarios[1].name: ")
        assert "reads as the column of the design itself ('Current design'); rename the scenario" in err
        assert err.count("\n") == 1


def test_compare_still_takes_a_name_that_only_begins_like_the_design(tmp_path, capsys):
    from advisor import cli

    path = _with_options(tmp_path, "Current design, G.729")
    assert cli.main(["compare", str(path), "--json"]) == 0
    names = [s["name"] for s in json.loads(capsys.readouterr().out)["scenarios"]]
    assert names == ["Current design", "Current design, G.729"]


def test_compare_shows_a_character_that_shows_nothing_in_a_heading(tmp_path, capsys):
    """'Option' + a zero-width space is headed with the space's escape, so the heading shows what the name holds.
    ('Option' and 'Option' + a zero-width space, once two names the design kept apart with columns headed alike,
    now read as one name: the file is refused, tests/cli/test_scenario_names_cli.py.)"""
    from advisor import cli

    path = _with_options(tmp_path, "Other", "Option\u200b")
    assert cli.main(["compare", str(path)]) == 0
    heading = capsys.readouterr().out.splitlines()[0].split()
    assert heading == ["Current", "design", "Other", "Option\\u200b"]


@POSIX_NAMES
def test_an_undecodable_byte_of_a_file_name_is_shown_one_way_by_every_message(tmp_path):
    """b'\\xff' in a name: each message and each "wrote" line shows it as U+FFFD, never as '\\udcff' nor '?'."""
    base = os.fsencode(tmp_path)
    design = base + b"/d\xff.json"
    with open(design, "wb") as fh:
        fh.write(EXAMPLE.read_bytes())
    cases = [  # (arguments, expected status, what the output must show)
        (["check", base + b"/missing\xff.json"], 2, b"/missing\xef\xbf\xbd.json: cannot be read"),
        (["check", design, "--csv", base + b"/none\xff/x.csv"], 2,
         b"the folder " + base + b"/none\xef\xbf\xbd does not exist"),
        (["report", design, "-o", base + b"/none\xff/o.pdf"], 2,
         b"the folder " + base + b"/none\xef\xbf\xbd does not exist"),
        (["report", design, "-o", base + b"/o\xff.pdf"], 0, b"wrote " + base + b"/o\xef\xbf\xbd.pdf ("),
        (["bom", design, "--csv", base + b"/b\xff.csv"], 0, b"wrote " + base + b"/b\xef\xbf\xbd.csv ("),
        (["configs", design, "-o", base + b"/c\xff"], 0, b"to review in " + base + b"/c\xef\xbf\xbd\n"),
        (["check", design, "--csv", design], 2, b"d\xef\xbf\xbd.json: the output would overwrite the input"),
        (["exercises", "--count", "1", "-o", base + b"/e\xff.pdf"], 0, b"wrote " + base + b"/e\xef\xbf\xbd.pdf ("),
    ]
    for args, status, shown in cases:
        proc = run(*args)
        both = proc.stdout + proc.stderr
        assert proc.returncode == status, both
        assert shown in both, (args, both)
        assert b"\\udcff" not in both and b"\\xff" not in both and b"?" not in both.replace(b"?)", b""), both


@POSIX_NAMES
def test_a_site_list_with_an_undecodable_byte_in_its_name_is_imported(tmp_path):
    """The design was named after the file ("Sites from s" + the byte + ".csv"), a lone surrogate, and refused as
    "not valid Unicode text": nothing was imported."""
    from advisor.io import load

    base = os.fsencode(tmp_path)
    with open(base + b"/s\xff.csv", "wb") as fh:
        fh.write(b"Site,Users\nBern,10\n")
    proc = run("import", base + b"/s\xff.csv", "-o", base + b"/o\xff.json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"Imported 1 site from s\xef\xbf\xbd.csv ")
    design = load(os.fsdecode(base + b"/o\xff.json"))
    assert design.name == "Sites from s\ufffd.csv"
    assert design.notes.startswith("Imported from s\ufffd.csv")


@POSIX_NAMES
def test_on_a_console_without_the_replacement_character_the_byte_is_its_escape_or_a_question_mark(tmp_path):
    """cp1252 has no U+FFFD: stderr writes it as its escape (as any character it lacks), stdout as '?'."""
    base = os.fsencode(tmp_path)
    refused = run("check", base + b"/m\xff.json", env={"PYTHONIOENCODING": "cp1252"})
    assert refused.returncode == 2
    assert refused.stderr.startswith(b"advisor: error: " + base + b"/m\\ufffd.json: cannot be read")
    with open(base + b"/d\xff.json", "wb") as fh:
        fh.write(EXAMPLE.read_bytes())
    wrote = run("bom", base + b"/d\xff.json", "--csv", base + b"/b\xff.csv", env={"PYTHONIOENCODING": "cp1252"})
    assert wrote.returncode == 0, wrote.stderr
    assert wrote.stdout.startswith(b"wrote " + base + b"/b?.csv (")


@pytest.mark.parametrize("argv, shown", [
    (["calc", "--ptime", "1e400"], "argument --ptime: '1e400' is beyond the largest number this tool reads"),
    (["calc", "--ptime", "9" * 400], "argument --ptime: a number of 400 characters is beyond the largest number"),
    (["calc", "--ptime", "1e-400"], "argument --ptime: '1e-400' is too close to 0 to read exactly"),
    (["calc", "--ptime", "1e-320"], "argument --ptime: '1e-320' is too close to 0 to read exactly"),
    (["calc", "--codec", "opus", "--bitrate", "1e-400"], "argument --bitrate: '1e-400' is too close to 0"),
    (["calc", "--l2-bytes", "9" * 5000], "argument --l2-bytes: a number of 5,000 digits, far beyond any value"),
    (["bom", str(EXAMPLE), "--vpn-hubs", "-" + "9" * 4301], "argument --vpn-hubs: a number of 4,301 digits"),
])
def test_a_number_beyond_what_python_reads_is_named_as_typed(capsys, argv, shown):
    """`--ptime 1e400` said "got inf", `--ptime 1e-400` "0 ms is out of range", `--ptime 1e-320` named
    9.99989e-321, and 5,000 digits for an int option were an "invalid int value"."""
    from advisor import cli

    with pytest.raises(SystemExit) as done:
        cli.main(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert shown in err, err
    assert "inf" not in err.split("error:")[1] and "invalid int value" not in err


@pytest.mark.parametrize("argv", [["calc", "--ptime", "20.0", "--json"], ["calc", "--ptime", "2e1", "--json"],
                                  ["bom", str(EXAMPLE), "--vpn-hubs", "0" * 4400 + "2", "--json"]])
def test_numbers_within_reach_are_still_read(capsys, argv):
    from advisor import cli

    assert cli.main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out.get("ptime_ms", 20.0) == 20.0  # 2e1 is 20


def test_infinity_typed_as_such_keeps_its_own_message(capsys):
    from advisor import cli

    assert cli.main(["calc", "--ptime", "inf"]) == 2
    assert "packetization time must be a number of milliseconds (got inf)" in capsys.readouterr().err


def test_compare_headings_that_would_read_alike_show_their_control_characters_as_escapes(tmp_path, capsys):
    """'A' ESC 'B' and 'A?B' both headed a column 'A?B'; a name without control characters keeps its heading as it
    is, and so does a control character in a heading that reads like no other. ('A' line break 'B' and 'A' tab 'B',
    once headed alike too, now read as one name: the file is refused, tests/cli/test_scenario_names_cli.py.)"""
    from advisor import cli

    path = _with_options(tmp_path, "A\x1bB", "A?B", "C\x1bD")
    assert cli.main(["compare", str(path)]) == 0
    heading = capsys.readouterr().out.splitlines()[0].split()
    assert heading == ["Current", "design", "A\\x1bB", "A?B", "C?D"]


def test_varying_the_vpn_of_a_transport_the_design_lacks_is_noted(capsys):
    """The example's WAN is one MPLS cloud: `--vary vpn.internet=dmvpn,flexvpn` gave three identical columns and
    nothing to say why."""
    from advisor import cli

    assert cli.main(["compare", str(EXAMPLE), "--vary", "vpn.internet=dmvpn,flexvpn", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ("advisor: note: --vary vpn.internet: the design has no Internet cloud, so these options change "
                   "nothing\n")
    loads = {s["wan_kbps"] for s in json.loads(out)["scenarios"]}
    assert len(loads) == 1  # the same figures in every column, as the note says
    assert cli.main(["compare", str(EXAMPLE), "--vary", "vpn.mpls=dmvpn", "--json"]) == 0
    assert capsys.readouterr().err == ""  # the MPLS cloud is there: no note


@pytest.mark.parametrize("vary, shown", [("ptime=1e-320", "'1e-320' is too close to 0"),
                                         ("gos=1e-400", "'1e-400' is too close to 0"),
                                         ("gos=1e-400%", "'1e-400%' is too close to 0")])
def test_a_varied_number_beyond_what_python_reads_is_named_as_typed(capsys, vary, shown):
    """'ptime=1e-320' was named 9.99989e-321 ms, 'gos=1e-400' said "must be > 0"."""
    from advisor import cli

    assert cli.main(["compare", str(EXAMPLE), "--vary", vary]) == 2
    assert capsys.readouterr().err.startswith(f"advisor: error: --vary {vary}: {shown}")


def test_configs_refuses_a_folder_where_a_sketch_would_replace_the_input_design(tmp_path, capsys):
    """The example saved as sketches/hq.txt, then `configs sketches/hq.txt -o sketches`: the sketch of site 'hq'
    (the example's headquarters) replaced the design, and no sketch said so. Now nothing is written."""
    from advisor import cli

    folder = tmp_path / "sketches"
    folder.mkdir()
    design = folder / "hq.txt"
    design.write_bytes(EXAMPLE.read_bytes())
    assert cli.main(["configs", str(design), "-o", str(folder)]) == 2
    assert capsys.readouterr().err == (f"advisor: error: {design}: the sketch of site 'hq' would overwrite the input "
                                       "design; give another folder with -o\n")
    assert design.read_bytes() == EXAMPLE.read_bytes() and sorted(p.name for p in folder.iterdir()) == ["hq.txt"]
    # one other site's sketch leaves the design where it is
    assert cli.main(["configs", str(design), "-o", str(folder), "--site", "br01"]) == 0
    assert design.read_bytes() == EXAMPLE.read_bytes() and (folder / "br01.txt").is_file()


def test_import_refuses_an_output_whose_backup_is_the_site_list(tmp_path, capsys):
    """`import d.json.bak -o d.json` over an existing d.json: the save kept the design it replaced as d.json.bak,
    over the site list being imported, which was lost. With no d.json there is no backup and it imports."""
    from advisor import cli

    sites, design = tmp_path / "d.json.bak", tmp_path / "d.json"
    sites.write_text("Site Name,Users\nBern,10\n", encoding="utf-8")
    design.write_bytes(EXAMPLE.read_bytes())
    assert cli.main(["import", str(sites), "-o", str(design)]) == 2
    assert capsys.readouterr().err == (f"advisor: error: {design}: saving over it keeps the design it holds as "
                                       "d.json.bak, which is the site list being imported; choose another name "
                                       "with -o\n")
    assert sites.read_text(encoding="utf-8") == "Site Name,Users\nBern,10\n"
    assert design.read_bytes() == EXAMPLE.read_bytes()
    design.unlink()
    assert cli.main(["import", str(sites), "-o", str(design)]) == 0
    assert sites.read_text(encoding="utf-8") == "Site Name,Users\nBern,10\n" and design.is_file()


@pytest.mark.parametrize("given", ["Zu\u0308rich", "ZU\u0308RICH", "\uff3aürich"])
def test_explain_finds_a_site_whatever_way_its_letters_are_composed(capsys, given):
    """'Zu' + a combining diaeresis + 'rich' (as macOS writes it) was "no site 'Zürich' in this design; its sites:
    … br01 (Zürich)": a refusal naming what looked like a listed site. So was a full-width Z."""
    from advisor import cli

    assert cli.main(["explain", str(EXAMPLE), "--site", given, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["explanations"] and {e["subject"] for e in shown["explanations"]} == {"br01"}
    assert cli.main(["explain", str(EXAMPLE), "--link", "Zu\u0308rich \u2013 Provider MPLS VPN"]) == 0
    assert "Zürich" in capsys.readouterr().out


@pytest.mark.parametrize("argv, what", [(["check", "-"], "a design"), (["report", "-", "-o", "x.pdf"], "a design"),
                                        (["import", "-", "-o", "x.json"], "a site list")])
def test_a_dash_for_the_input_says_standard_input_is_not_read(tmp_path, monkeypatch, capsys, argv, what):
    """'-' names standard output for every output; as the input it read "-: cannot be read: No such file or
    directory", as if a file were missing. A file that is called '-' is still read."""
    from advisor import cli

    monkeypatch.chdir(tmp_path)
    assert cli.main(argv) == 2
    assert capsys.readouterr().err == (f"advisor: error: -: {what} is not read from standard input; give its file "
                                       "name (a file called '-' is read as ./-)\n")
    (tmp_path / "-").write_bytes(EXAMPLE.read_bytes())
    assert cli.main(["check", "-", "--json"]) in (0, 1)
    assert json.loads(capsys.readouterr().out)["design"] == json.loads(EXAMPLE.read_text("utf-8"))["name"]


def test_calc_notes_a_voice_packet_larger_than_the_path_mtu(capsys):
    """G.711 at 200 ms in GRE over IPsec (transport mode, AES-CBC, HMAC-SHA1-96): 1,600 B of voice + 12 RTP + 8 UDP
    + 20 IP = 1,640 B; GRE adds 4 B and the outer IP header 20 B; ESP protects the 1,644 B after that header:
    20 + 8 ESP + 16 IV + (1,644 + 2 trailer padded to 1,648) + 12 ICV = 1,704 B, above a 1,500-byte path MTU: the
    packet would be fragmented, which the figures do not count. Said on stderr. At 180 ms, 1,440 + 40 = 1,480 B in
    the clear fits, and nothing is said."""
    from advisor import cli

    assert cli.main(["calc", "--codec", "g711", "--ptime", "200", "--vpn", "gre-ipsec", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["ip_packet_bytes"] == 1704
    assert err == ("advisor: note: the IP packet is 1,704 B, more than a 1,500-byte path MTU: it would be "
                   "fragmented, and the figures count it as one packet; use a shorter --ptime\n")
    assert cli.main(["calc", "--codec", "g711", "--ptime", "180", "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["ip_packet_bytes"] == 1480 and err == ""


@pytest.mark.parametrize("code", ["bw\u2013mtu", "BW_MTU", "\uff22\uff37-\uff2d\uff34\uff35", "bw mtu"])
def test_explain_takes_a_finding_code_with_another_dash_or_width(capsys, code):
    """An en dash (a word processor's), an underscore, full-width letters: "'bw–mtu' is not a finding code;
    codes: … BW-MTU …" named the code it listed. The example's GET VPN gives one BW-MTU finding, for the design."""
    from advisor import cli

    assert cli.main(["explain", str(EXAMPLE), "--finding", code, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["explanations"]
    assert shown and {e["subject"] for e in shown} == {"BW-MTU"}


@pytest.mark.parametrize("name, shown", [("   ", "'   '"), ("\u200b", "'\\u200b'"), ("\u3000", "'\u3000'")])
def test_compare_refuses_an_option_whose_name_shows_nothing(tmp_path, capsys, name, shown):
    """A name of blanks (or a zero-width space) headed a column with no heading; the app asks for a name, and so
    does the design file's own check (the file is refused as it is read)."""
    from advisor import cli

    path = _with_options(tmp_path, "G.729 option", name)
    assert cli.main(["compare", str(path)]) == 2
    assert capsys.readouterr().err == (f"advisor: error: {path}: invalid design: scenarios[1].name: {shown} shows "
                                       "nothing (only spaces or invisible characters); give the scenario a name\n")


def test_explain_refuses_an_unknown_finding_code_before_the_analysis(capsys, monkeypatch):
    """A mistyped --finding was refused only once the design was analysed (minutes for a large mesh), where a
    mistyped --link or --site is refused first."""
    from advisor import analysis, cli

    def no_analysis(*_args, **_kwargs):
        raise AssertionError("the design was analysed for a code that is no finding code")

    monkeypatch.setattr(analysis, "analyse", no_analysis)
    assert cli.main(["explain", str(EXAMPLE), "--finding", "BW-MTUX"]) == 2
    assert capsys.readouterr().err.startswith("advisor: error: --finding: 'BW-MTUX' is not a finding code; codes: BW-")


def test_configs_refuses_an_unknown_site_before_the_analysis(capsys, monkeypatch):
    from advisor import analysis, cli

    def no_analysis(*_args, **_kwargs):
        raise AssertionError("the design was analysed for a site it does not hold")

    monkeypatch.setattr(analysis, "analyse", no_analysis)
    assert cli.main(["configs", str(EXAMPLE), "--site", "nowhere"]) == 2
    assert capsys.readouterr().err.startswith("advisor: error: --site 'nowhere': no such site in the design (its "
                                              "sites: hq, br01, ")


@pytest.mark.parametrize("setting, value, why", [
    ("RL_invariant", "abc", "invalid literal for int() with base 10: 'abc'"),
    ("RL_defaultPageSize", "junk", "module 'reportlab.lib.pagesizes' has no attribute 'junk'")])
def test_a_reportlab_setting_it_cannot_read_is_named(tmp_path, setting, value, why):
    """reportlab reads RL_… variables when it loads: one it cannot read ended `report` (and `exercises`) in an
    "unexpected internal error" from inside reportlab. Now the variable is named."""
    proc = run("report", str(EXAMPLE), "-o", str(tmp_path / "x.pdf"),
               env={setting: value, "PYTEST_CURRENT_TEST": "", "ADVISOR_TRACEBACK": ""})
    assert proc.returncode == 2
    assert proc.stderr.decode() == (f"advisor: error: reportlab, which writes the PDF, failed with the settings the "
                                    f"environment gives it ({setting}): {why}; unset it and try again\n")
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("name, suffix", [(".csv", ".csv"), (".XLSX", ".xlsx")])
def test_bom_names_an_output_that_is_only_its_extension(tmp_path, capsys, name, suffix):
    """`bom --csv .csv` said ".csv: the file name must end in .csv": it does, but it is all extension (a hidden
    file with no name)."""
    from advisor import cli

    target = tmp_path / name
    assert cli.main(["bom", str(EXAMPLE), f"--{suffix[1:]}", str(target)]) == 2
    assert capsys.readouterr().err == (f"advisor: error: {target}: the file name is only its extension; give a name "
                                       f"such as {tmp_path / ('bom' + suffix)}\n")
    assert not target.exists()


def test_import_refuses_a_name_that_shows_nothing(tmp_path, capsys):
    """`--name` of a zero-width space named the design with it: a name that shows nothing, as a blank one would."""
    from advisor import cli

    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Users\nBern,10\n", encoding="utf-8")
    assert cli.main(["import", str(sites), "-o", str(tmp_path / "d.json"), "--name", "\u200b\u2060"]) == 2
    assert capsys.readouterr().err == ("advisor: error: --name: the name is empty; leave the option out to use the "
                                       "sheet's title\n")
    assert not (tmp_path / "d.json").exists()


def test_the_stream_handlers_write_an_undecodable_byte_as_the_replacement_character():
    """stdout wrote it as '?', stderr as '\\udcff'; both now write U+FFFD where the encoding has it (once, with no
    byte-order mark in the middle of UTF-16 text), else '?' (stdout) or its escape (stderr)."""
    import advisor.cli._streams  # noqa: F401  (registers the handlers)

    text = "a\udcffb"
    assert text.encode("utf-8", "advisor-replace") == "a\ufffdb".encode()
    assert text.encode("utf-8", "advisor-backslash") == "a\ufffdb".encode()
    assert text.encode("utf-16", "advisor-replace") == "a\ufffdb".encode("utf-16")
    assert text.encode("cp1252", "advisor-replace") == b"a?b"
    assert text.encode("cp1252", "advisor-backslash") == b"a\\ufffdb"
