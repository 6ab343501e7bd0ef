"""Round 19 on the command line: broken limit tables for every command, import's --name and unwritable outputs,
erlang's extreme values, compare's --vary lengths and JSON. Exit 2 with one line, never a traceback."""

import json
import os
import subprocess
import sys

import pytest

from tests.cli.conftest import ROOT

EXAMPLE = "resources/examples/hq-12-branches-mpls.json"
SITES = "Site Name,Users\nZurich,10\n"


def _run(*args, env=None):
    full = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "advisor", *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env=full)


def _one_line(proc) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("advisor: error: ") and "internal error" not in lines[0], lines
    return lines[0]


COMMANDS = [("check", EXAMPLE), ("report", EXAMPLE, "-o", "{tmp}/x.pdf"), ("compare", EXAMPLE),
            ("bom", EXAMPLE), ("configs", EXAMPLE), ("explain", EXAMPLE), ("exercises", "--json"),
            ("import", "{tmp}/sites.csv", "-o", "{tmp}/d.json"), ("calc",), ("erlang", "--trunks", "5", "--gos", "1%")]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_broken_table_stops_every_command_naming_file_and_field(tmp_path, command):
    """A mesh limit of 0 tunnels: `check` divided by zero ('unexpected internal error'), others went on."""
    tables = tmp_path / "tables"
    tables.mkdir()
    data = json.loads((ROOT / "resources" / "tables" / "vpn.json").read_text(encoding="utf-8"))
    data["entries"]["mesh_max_tunnels"]["value"] = 0
    (tables / "vpn.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "sites.csv").write_text(SITES, encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    line = _one_line(_run(*args, env={"ADVISOR_TABLES_DIR": str(tables)}))
    assert "vpn.json: entries.mesh_max_tunnels.value: must be from 1" in line


def test_a_tables_folder_name_too_long_is_one_line():
    line = _one_line(_run("check", EXAMPLE, env={"ADVISOR_TABLES_DIR": "/tmp/" + "a" * 5000}))
    assert "ADVISOR_TABLES_DIR" in line  # was an internal error (OSError: File name too long)


def test_import_refuses_a_name_over_200_characters(cli, tmp_path):
    (tmp_path / "sites.csv").write_text(SITES, encoding="utf-8")
    out = tmp_path / "d.json"
    line = _one_line(cli("import", str(tmp_path / "sites.csv"), "-o", str(out), "--name", "N" * 10_000))
    assert "--name: 10,000 characters; a design's name holds at most 200" in line and not out.exists()
    ok = cli("import", str(tmp_path / "sites.csv"), "-o", str(out), "--name", "N" * 200)
    assert ok.returncode == 0 and json.loads(out.read_text(encoding="utf-8"))["name"] == "N" * 200
    assert ok.stdout.startswith("Imported 1 site from sites.csv")  # was '1 sites', '1 clouds'
    assert "1 cloud, 1 link;" in ok.stdout


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc")
@pytest.mark.parametrize("args", [("import", "{tmp}/sites.csv", "-o", "/proc/x.json"),
                                  ("compare", EXAMPLE, "--csv", "/proc/x.csv"),
                                  ("check", EXAMPLE, "--csv", "/proc/x.csv"),
                                  ("bom", EXAMPLE, "--csv", "/proc/x.csv"),
                                  ("report", EXAMPLE, "-o", "/proc/x.pdf"),
                                  ("configs", EXAMPLE, "-o", "/proc/sketches"),
                                  ("exercises", "--count", "1", "-o", "/proc/x.pdf")])
def test_a_folder_that_takes_no_files_is_said_so(tmp_path, args):
    """'-o /proc/x' said 'No such file or directory' of a folder that exists."""
    (tmp_path / "sites.csv").write_text(SITES, encoding="utf-8")
    line = _one_line(_run(*[a.replace("{tmp}", str(tmp_path)) for a in args]))
    assert "the folder /proc takes no new files" in line and "No such file" not in line


@pytest.mark.parametrize("args, words", [
    (("--traffic", "1e308", "--trunks", "10"), "--traffic: 1e308 Erlangs is beyond"),  # printed 309 digits
    (("--trunks", "1", "--gos", "0.9999999999999999"), "carries more than 10,000,000 E"),  # printed 9e15 E
    (("--trunks", "1000000", "--gos", "0.9999999999999999"), "carry more than 10,000,000 E"),  # 2.5e12, wrong
    (("--trunks", "10", "--gos", "0.9999999"), "carry more than 10,000,000 E"),  # about 10 / (1 - g) = 1e8 E
])
def test_erlang_answers_beyond_the_cap_are_refused(cli, args, words):
    assert words in _one_line(cli("erlang", *args))


def test_erlang_one_short_of_certain_blocking_is_not_100_percent(cli):
    # One trunk: B = A / (1 + A); 1,000,000 E gives 0.999999, which four significant digits round to 100 %.
    proc = cli("erlang", "--traffic", "1000000", "--trunks", "1")
    assert proc.stdout.strip() == "1,000,000 E offered to 1 trunk: blocking more than 99.99 %"
    # B(A, 1) = 0.01 at A = 0.01 / 0.99 = 0.0101 E
    assert cli("erlang", "--trunks", "1", "--gos", "0.01").stdout.strip() == "1 trunk at 1 % blocking carries 0.010 E"


def test_compare_refuses_a_vary_value_of_5000_digits(cli):
    line = _one_line(cli("compare", EXAMPLE, "--vary", "crtp=" + "9" * 5000))  # was an internal error
    assert "a value of 5,000 characters; crtp takes 0, 2 or 4" in line


def test_compare_json_gives_the_busiest_utilization_unrounded(cli):
    """Rounded to four decimals it differed from `check --json`'s (a link 0.004 % over read 1.0)."""
    compared = json.loads(cli("compare", EXAMPLE, "--json").stdout)["scenarios"][0]
    checked = json.loads(cli("check", EXAMPLE, "--json").stdout)["links"]
    busiest = max(checked, key=lambda x: (x["utilization"], x["kbps"]))
    assert compared["busiest_link"] == busiest["id"]
    assert compared["busiest_link_utilization"] == busiest["utilization"]


@pytest.mark.parametrize("args", [("import", "{tmp}/sites.csv", "-o", "{tmp}/d.json", "--hub", "Zurich\n\x1b[2J"),
                                  ("explain", EXAMPLE, "--link", "l-br01\n")])
def test_a_line_break_in_a_value_keeps_the_error_on_one_line(tmp_path, args):
    """The value was quoted as typed: its line break put the rest of the message on a second line."""
    (tmp_path / "sites.csv").write_text(SITES, encoding="utf-8")
    line = _one_line(_run(*[a.replace("{tmp}", str(tmp_path)) for a in args]))
    assert "\x1b" not in line and ("'Zurich??[2J'" in line or "'l-br01?'" in line)
