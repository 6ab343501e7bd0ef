"""Hostile input, round 46, on the command line: the environment and designs at the documented limits.

- `ADVISOR_CJK_FONT` naming a file the system cannot even look at (a name longer than it takes) ended `advisor
  report` on a design with a CJK name in "unexpected internal error (OSError: File name too long …)"; one naming a
  3 GB file took 3.2 GB of memory before it was found to be no font.
- `advisor configs` on one cluster with call processing at 20,000 sites wrote tens of gigabytes (each sketch listed
  every location) and was killed after five minutes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "advisor", *args], capture_output=True, timeout=120, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def _cjk_design(tmp_path: Path) -> Path:
    design = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    design["name"] = "東京 本社"  # characters DejaVu lacks: the report looks for the CJK font
    path = tmp_path / "tokyo.json"
    path.write_text(json.dumps(design, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_cjk_font_name_too_long_for_the_system_is_passed_over(tmp_path):
    path = _cjk_design(tmp_path)
    out = tmp_path / "tokyo.pdf"
    proc = run("report", str(path), "-o", str(out), env={"ADVISOR_CJK_FONT": "/tmp/" + "a" * 5000 + ".ttf"})
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "internal error" not in err
    assert out.read_bytes().startswith(b"%PDF-")


def test_configs_on_a_cluster_at_every_site_grows_with_the_design(tmp_path):
    """1,000 sites, each running call processing of one cluster: the sketches listed 1,000 locations each (about
    500 MB); now the first call-processing site's sketch lists them, the others name it."""
    sites = [{"id": f"s{i:04d}", "users": 10, "cucm_subscribers": 1} for i in range(1000)]
    sites[0].update(kind="hq", cucm_publisher=True)
    design = {"schema_version": 1, "name": "one wide cluster", "deployment_model": "clustering-over-wan",
              "sites": sites, "clouds": [{"id": "wan"}],
              "links": [{"id": f"l{i:04d}", "a": f"s{i:04d}", "b": "wan"} for i in range(1000)]}
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(design), encoding="utf-8")
    proc = run("configs", str(path), "-o", str(tmp_path / "sketches"))
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    total = sum(f.stat().st_size for f in (tmp_path / "sketches").iterdir())
    assert total < 20 * 1024 * 1024  # about 6 MB; 500 MB before
    first = (tmp_path / "sketches" / "s0000.txt").read_text(encoding="utf-8")
    assert first.count("!   location ") == 1000


def test_counts_of_a_thousand_and_more_are_grouped_in_findings_and_refusals(tmp_path, capsys):
    """A 1,500-site cluster read "has 1500 call-processing subscribers" beside "nodes at 1,500 sites", and
    `explain --link` on a shared name "1500 links are named …" beside "and 1,495 more"."""
    from advisor import cli

    sites = [{"id": f"s{i}", "users": 1, "cucm_subscribers": 1} for i in range(1500)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": "wan", "name": "Access"} for i in range(1500)]
    path = tmp_path / "wide.json"
    path.write_text(json.dumps({"schema_version": 1, "deployment_model": "clustering-over-wan", "sites": sites,
                                "clouds": [{"id": "wan"}], "links": links}), encoding="utf-8")
    assert cli.main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "has 1,500 call-processing subscribers" in out and "nodes at 1,500 sites" in out
    assert cli.main(["explain", str(path), "--link", "Access"]) == 2
    err = capsys.readouterr().err
    assert "1,500 links are named 'Access'" in err and "and 1,495 more" in err


def test_a_character_that_shows_nothing_is_written_as_its_escape_in_a_refusal(tmp_path, capsys):
    """A zero-width space typed or pasted after a valid value: "unknown codec 'g711'", "no site 'Zürich'" named a
    value that looked right. The refusal shows it as its escape, from the design file and from an option alike."""
    from advisor import cli

    design = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    design["voice"]["codec"] = "g711\u200b"
    path = tmp_path / "zwsp.json"
    path.write_text(json.dumps(design, ensure_ascii=False), encoding="utf-8")
    for argv, shown in ((["check", str(path)], "unknown codec 'g711\\u200b'"),
                        (["explain", str(EXAMPLE), "--site", "Z\u00fcrich\u200b"], "no site 'Zürich\\u200b'"),
                        (["calc", "--codec", "g729\ufeff"], "unknown codec 'g729\\ufeff'"),
                        (["compare", str(EXAMPLE), "--vary", "codec=g711\u00ad"], "unknown codec 'g711\\xad'")):
        assert cli.main(argv) == 2
        err = capsys.readouterr().err
        assert shown in err, err
        assert err.count("\n") == 1 and "\u200b" not in err and "\ufeff" not in err and "\xad" not in err


def test_names_with_joiners_and_other_scripts_are_shown_as_they_are():
    from advisor.validation import visible

    assert visible("Zürich 東京 \U0001F468\u200d\U0001F469 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") == \
        "Zürich 東京 \U0001F468\u200d\U0001F469 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"


def test_a_getvpn_metadata_out_of_range_is_refused_whatever_the_vpn(capsys):
    """`calc --getvpn-metadata -5` (or 65) without --vpn getvpn printed a note that it has no effect and exited 0;
    with getvpn it was refused. A value out of range is refused either way; one in range still only gets the note."""
    from advisor import cli

    for value in ("-5", "65"):
        assert cli.main(["calc", "--getvpn-metadata", value]) == 2
        err = capsys.readouterr().err
        assert err == f"advisor: error: --getvpn-metadata: GET VPN metadata must be a whole number from 0 to 64 " \
                      f"(got {value})\n"
    assert cli.main(["calc", "--getvpn-metadata", "64", "--vpn", "ipsec", "--json"]) == 0
    assert "has no effect with --vpn ipsec" in capsys.readouterr().err


def test_tens_of_thousands_of_options_are_refused_before_argparse_reads_them(capsys):
    """argparse's time grows with the square of the options given: 40,000 `--map` options (a command line of
    600 kB, which the system takes) kept `advisor import` busy for 26 s before it named the first bad one."""
    from advisor import cli

    argv = ["import", "sites.csv", "-o", "x.json"]
    for i in range(20_000):
        argv += ["--map", f"X{i}=ignore"]
    assert cli.main(argv) == 2
    assert capsys.readouterr().err == ("advisor: error: 40,004 arguments on the command line, far more than any "
                                       f"command takes (at most {cli.MAX_ARGUMENTS:,})\n")
