"""Hostile input, round 49, on the command line.

- `import --map "Users=users"` on a sheet with two 'Users' columns read the first in silence: the user named a
  header, not a column, and could not tell which one was imported.
- An output name ending in '/' (it names a folder) was refused by `report`, `compare` and `exercises`, but
  `check --xlsx out.xlsx/`, `check --csv`, `bom --csv/--xlsx` and `import -o d.json/` wrote a file named as the
  folder; a name that is only an extension (`report -o .pdf`, `import -o .json`) was written as a hidden file with
  no name (`bom` alone refused it).
- `bom --vpn-hubs 8` and `configs --vpn-hubs 8` on a design with no VPN hub routers (GET VPN, MPLS isolation, no
  VPN) changed nothing in silence, and the bill of materials said "VPN hubs: 8" above a list with none.
- A note on a full stderr (`calc --gre-key --vpn ipsec 2>/dev/full`) ended in an unexpected internal error.
- `import` said "no such file" of a name too long for the system or a path through a file.
- `configs --site Zürich` said "no such site in the design" of a site named so (`explain --site` finds it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_hostile_round48_cli import _run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"  # GET VPN: no hub routers
INTERNET = ROOT / "resources" / "examples" / "hq-40-branches-internet.json"  # hub-and-spoke over the Internet




# --- --map naming a header that two columns carry -------------------------------------------------------------

def _two_users(tmp_path: Path) -> Path:
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Users,users,Phones\nHQ,100,7,100\nBranch,5,60,5\n", encoding="utf-8")
    return sites


def test_a_map_key_that_heads_two_columns_is_refused(capsys, tmp_path):
    code, out, err = _run(capsys, "import", _two_users(tmp_path), "-o", tmp_path / "d.json", "--map", "Users=users")
    assert code == 2
    assert err == ("advisor: error: --map 'Users=users': 2 columns are headed 'Users': Users (B) and users (C); "
                   "name one by its letter, e.g. --map \"B=users\"\n")
    assert not (tmp_path / "d.json").exists()


def test_a_map_by_letter_reads_the_column_named(capsys, tmp_path):
    code, _out, err = _run(capsys, "import", _two_users(tmp_path), "-o", tmp_path / "d.json", "--map", "C=users")
    assert code == 0, err
    design = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert {s["name"]: s["users"] for s in design["sites"]} == {"HQ": 7, "Branch": 60}


def test_a_map_key_that_heads_one_column_is_still_read(capsys, tmp_path):
    code, _out, err = _run(capsys, "import", _two_users(tmp_path), "-o", tmp_path / "d.json", "--map",
                           "Phones=phones")
    assert code == 0, err


# --- output names that name no file ---------------------------------------------------------------------------

@pytest.mark.parametrize("argv, example", [
    (["check", EXAMPLE, "--xlsx"], "tables.xlsx"),
    (["check", EXAMPLE, "--csv"], "links.csv"),
    (["bom", EXAMPLE, "--csv"], "bom.csv"),
    (["bom", EXAMPLE, "--xlsx"], "bom.xlsx"),
])
def test_an_output_ending_in_a_slash_is_a_folder_for_every_command(capsys, tmp_path, argv, example):
    target = str(tmp_path / "out.x") + "/"
    code, _out, err = _run(capsys, *argv, target)
    assert code == 2
    assert err == (f"advisor: error: {target}: ends in '/', so it names a folder; give a file name such as "
                   f"{tmp_path / 'out.x' / example}\n")
    assert list(tmp_path.iterdir()) == []


def test_import_refuses_an_output_ending_in_a_slash(capsys, tmp_path):
    sites = _two_users(tmp_path)
    target = str(tmp_path / "d.json") + "/"
    code, _out, err = _run(capsys, "import", sites, "-o", target, "--map", "B=users")
    assert code == 2
    assert err == (f"advisor: error: {target}: ends in '/', so it names a folder; give a file name such as "
                   f"{tmp_path / 'd.json' / 'design.json'}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sites.csv"]


@pytest.mark.parametrize("argv, name, example", [
    (["report", EXAMPLE, "-o"], ".pdf", "design.pdf"),
    (["report", EXAMPLE, "-o"], ".PDF", "design.pdf"),
    (["check", EXAMPLE, "--xlsx"], ".xlsx", "tables.xlsx"),
    (["check", EXAMPLE, "--csv"], ".csv", "links.csv"),
    (["compare", EXAMPLE, "--csv"], ".csv", "options.csv"),
    (["exercises", "--count", "1", "-o"], ".pdf", "sheet.pdf"),
    (["exercises", "--count", "1", "--answers"], ".pdf", "key.pdf"),
])
def test_an_output_that_is_only_its_extension_is_refused_by_every_command(capsys, tmp_path, argv, name, example):
    target = tmp_path / name
    code, _out, err = _run(capsys, *argv, target)
    assert code == 2
    assert err == (f"advisor: error: {target}: the file name is only its extension; give a name such as "
                   f"{tmp_path / example}\n")
    assert list(tmp_path.iterdir()) == []


def test_import_refuses_an_output_that_is_only_its_extension(capsys, tmp_path):
    code, _out, err = _run(capsys, "import", _two_users(tmp_path), "-o", tmp_path / ".json", "--map", "B=users")
    assert code == 2
    assert err == (f"advisor: error: {tmp_path / '.json'}: the file name is only its extension; give a name such "
                   f"as {tmp_path / 'design.json'}\n")
    assert not (tmp_path / ".json").exists()


def test_a_hidden_file_with_a_name_and_a_folder_for_configs_are_still_written(capsys, tmp_path):
    code, _out, err = _run(capsys, "report", EXAMPLE, "-o", tmp_path / ".draft.pdf")
    assert code == 0, err
    assert (tmp_path / ".draft.pdf").stat().st_size > 0
    code, _out, err = _run(capsys, "configs", EXAMPLE, "--site", "br01", "-o", str(tmp_path / "sketches") + "/")
    assert code == 0, err
    assert (tmp_path / "sketches" / "br01.txt").exists()


# --- --vpn-hubs on a design without hub routers ---------------------------------------------------------------

NO_HUBS = ("advisor: note: --vpn-hubs has no effect: the design has no VPN hub routers (its links use GET VPN)\n")


def test_bom_says_vpn_hubs_count_nothing_on_a_getvpn_design(capsys):
    code, out, err = _run(capsys, "bom", EXAMPLE, "--vpn-hubs", "8")
    assert code == 0
    assert err == NO_HUBS
    assert out.splitlines()[1] == ("PSTN interface: E1 PRI (30 B-channels); VPN hubs: none (no link uses a VPN with "
                                   "hub routers)")
    assert " hub router " not in out and " head-end router " not in out


def test_bom_without_the_option_says_nothing_and_no_hubs_in_its_heading(capsys):
    code, out, err = _run(capsys, "bom", EXAMPLE)
    assert code == 0 and err == ""
    assert "VPN hubs: none" in out.splitlines()[1]


def test_configs_says_vpn_hubs_count_nothing_on_a_getvpn_design(capsys):
    code, out, err = _run(capsys, "configs", EXAMPLE, "--site", "hq", "--vpn-hubs", "8")
    assert code == 0
    assert err == NO_HUBS
    assert out


@pytest.mark.parametrize("command", ["bom", "configs"])
def test_vpn_hubs_on_a_hub_and_spoke_design_is_taken_without_a_note(capsys, command):
    argv = [command, INTERNET, "--vpn-hubs", "3"] + (["--site", "hq"] if command == "configs" else [])
    code, out, err = _run(capsys, *argv)
    assert code == 0 and err == ""
    if command == "bom":
        assert "VPN hubs: 3" in out.splitlines()[1]
    else:
        assert " 3 of 3" in out


def test_a_design_without_links_says_so(capsys, tmp_path):
    design = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    design["links"] = []
    path = tmp_path / "d.json"
    path.write_text(json.dumps(design), encoding="utf-8")
    code, _out, err = _run(capsys, "bom", path, "--vpn-hubs", "1")
    assert code == 0
    assert err == "advisor: note: --vpn-hubs has no effect: the design has no VPN hub routers (it has no WAN links)\n"


# --- a note on a full stderr ----------------------------------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("argv", [
    ["calc", "--gre-key", "--vpn", "ipsec", "--json"],
    ["bom", str(EXAMPLE), "--vpn-hubs", "3", "--json"],
    ["explain", str(EXAMPLE), "--finding", "BW-LINK-OVERLOAD", "--json"],
    ["compare", str(EXAMPLE), "--vary", "vpn.internet=dmvpn", "--json"],
])
def test_a_note_that_a_full_stderr_cannot_take_leaves_the_output_whole(argv, tmp_path):
    """`calc --gre-key --vpn ipsec 2>/dev/full` ended in an unexpected internal error (exit 2, nothing on standard
    output): the note that the key has no effect could not be written."""
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTEST_CURRENT_TEST": "", "ADVISOR_TRACEBACK": ""}
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "advisor", *argv], stdout=subprocess.PIPE, stderr=full,
                              timeout=120, cwd=ROOT, env=env)
    assert done.returncode == 0
    assert json.loads(done.stdout)
    assert not list(tmp_path.glob("advisor-error*"))  # no internal error logged


# --- a site list the system cannot name ---------------------------------------------------------------------

@pytest.mark.parametrize("make, reason", [
    (lambda tmp: tmp / ("a" * 300 + ".csv"), "cannot be read: File name too long"),
    (lambda tmp: tmp / "sites.csv" / "x.csv", "cannot be read: Not a directory"),
])
def test_import_says_why_a_site_list_cannot_be_opened_as_check_does(capsys, tmp_path, make, reason):
    """`import` said "no such file" of a name too long for the system, or of a path through a file, where `check`
    said why."""
    (tmp_path / "sites.csv").write_text("Site Name,Users\nA,1\n", encoding="utf-8")
    path = make(tmp_path)
    code, _out, err = _run(capsys, "import", path, "-o", tmp_path / "d.json")
    assert code == 2
    assert err.startswith("advisor: error: ") and err.rstrip().endswith(reason)
    assert "no such file" not in err


def test_import_still_says_no_such_file(capsys, tmp_path):
    code, _out, err = _run(capsys, "import", tmp_path / "nothere.csv", "-o", tmp_path / "d.json")
    assert code == 2 and err == f"advisor: error: {tmp_path / 'nothere.csv'}: no such file\n"


# --- configs --site by name ---------------------------------------------------------------------------------

def test_configs_takes_a_site_by_its_name_as_explain_does(capsys, tmp_path):
    """`configs --site Zürich` said "no such site in the design" of the design's site named Zürich (id br01),
    which `explain --site Zürich` finds."""
    code, out, err = _run(capsys, "configs", EXAMPLE, "--site", "zürich", "-o", tmp_path)
    assert code == 0, err
    assert out.splitlines()[0] == f"wrote {tmp_path / 'br01.txt'} (site 'Zürich')"
    assert [p.name for p in tmp_path.iterdir()] == ["br01.txt"]


def test_configs_refuses_a_name_two_sites_share(capsys, tmp_path):
    design = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    design["sites"][2]["name"] = "Zürich"
    path = tmp_path / "d.json"
    path.write_text(json.dumps(design), encoding="utf-8")
    code, _out, err = _run(capsys, "configs", path, "--site", "Zürich")
    assert code == 2
    assert err == "advisor: error: --site: 2 sites are named 'Zürich': give the id instead (br01, br02)\n"
