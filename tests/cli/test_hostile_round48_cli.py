"""Hostile input, round 48, on the command line.

- An option that takes one value, given twice with different values, kept the last in silence: `explain --site hq
  --site br1` explained br1 alone, `report -o a.pdf -o b.pdf` wrote b.pdf alone.
- An output whose extension names another kind of file was written all the same: `check --xlsx other.json` wrote a
  workbook over a design, `import sites.xlsx -o list.xlsx` a design over a workbook, while `bom --csv x.xlsx` was
  refused.
- `calc --cipher aes-gcm --integrity sha512` dropped the integrity in silence (GCM carries its own).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.inprocess import run as _run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"


@pytest.mark.parametrize("argv, option, first, second", [
    (["explain", EXAMPLE, "--site", "hq", "--site", "br01"], "--site", "'hq'", "'br01'"),
    (["configs", EXAMPLE, "--site", "hq", "--site", "br01"], "--site", "'hq'", "'br01'"),
    (["bom", EXAMPLE, "--pstn", "e1", "--pstn", "t1"], "--pstn", "'e1'", "'t1'"),
    (["calc", "--codec", "g711", "--codec", "g729"], "--codec", "'g711'", "'g729'"),
    (["erlang", "--traffic", "1", "--traffic", "2", "--gos", "0.01"], "--traffic", "'1'", "'2'"),
])
def test_an_option_given_twice_with_different_values_is_refused(capsys, argv, option, first, second):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert f"argument {option}: given twice, {option} {first} and {option} {second}: give it once" in err


def test_an_output_given_twice_is_refused_before_anything_is_written(tmp_path, capsys):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    code, _out, err = _run(capsys, "report", EXAMPLE, "-o", first, "--output", second)
    assert code == 2
    assert f"given twice, -o '{first}' and --output '{second}'" in err
    assert not first.exists() and not second.exists()
    # the same value twice does no harm: taken
    code, out, _err = _run(capsys, "report", EXAMPLE, "-o", first, f"--output={first}")
    assert code == 0 and first.exists() and "wrote" in out


@pytest.mark.parametrize("argv, name, what, writes, wanted", [
    (["check", EXAMPLE, "--xlsx"], "other.json", "a design file", "--xlsx writes an Excel workbook", "other.xlsx"),
    (["check", EXAMPLE, "--csv"], "links.xlsx", "an Excel workbook", "--csv writes a CSV file", "links.csv"),
    (["compare", EXAMPLE, "--vary", "codec=g711,g729", "--csv"], "o.pdf", "a PDF", "--csv writes a CSV file",
     "o.csv"),
    (["report", EXAMPLE, "-o"], "d2.json", "a design file", "-o writes a PDF", "d2.pdf"),
    (["exercises", "--answers"], "key.csv", "a CSV file", "--answers writes a PDF", "key.pdf"),
    (["import", ROOT / "tests" / "data" / "import" / "messy.csv", "-o"], "list.xlsx", "an Excel workbook",
     "-o writes a design file", "list.json"),
])
def test_an_output_named_as_another_kind_of_file_is_refused(tmp_path, capsys, argv, name, what, writes, wanted):
    target = tmp_path / name
    target.write_bytes(b"kept")  # say, another design, or the customer's workbook
    code, out, err = _run(capsys, *argv, target)
    assert code == 2 and out == ""
    suffix = target.suffix
    assert err.strip() == (f"advisor: error: {target}: the name ends in {suffix}, which is for {what}, but {writes}; "
                           f"give a name ending in {Path(wanted).suffix}, e.g. {wanted}")
    assert target.read_bytes() == b"kept"
    code, _out, _err = _run(capsys, *argv, tmp_path / wanted)  # the name it asks for is written
    assert code == 0 and (tmp_path / wanted).stat().st_size > 0


def test_an_output_of_no_known_kind_is_still_written_as_it_is(tmp_path, capsys):
    code, _out, err = _run(capsys, "check", EXAMPLE, "--csv", tmp_path / "links.xlsx")
    assert code == 2 and "but --csv writes a CSV file" in err
    for name in ("links.txt", "links", "LINKS.CSV"):  # an extension no command writes, none, its own in capitals
        code, _out, _err = _run(capsys, "check", EXAMPLE, "--csv", tmp_path / name)
        assert code == 0 and (tmp_path / name).stat().st_size > 0


def test_calc_notes_an_integrity_that_aes_gcm_does_not_use(capsys):
    code, out, err = _run(capsys, "calc", "--vpn", "ipsec", "--cipher", "aes-gcm", "--integrity", "sha512")
    assert code == 0
    assert err.strip() == ("advisor: note: --integrity sha512 has no effect with --cipher aes-gcm, which carries its "
                           "own integrity check (16 B ICV)")
    assert "AES-GCM" in out and "SHA" not in out.splitlines()[0]
    for used in (["--cipher", "aes-gcm", "--integrity", "none"], ["--cipher", "aes-cbc", "--integrity", "sha512"]):
        code, _out, err = _run(capsys, "calc", "--vpn", "ipsec", *used)  # an integrity used, or none: no note
        assert code == 0 and err == ""


def test_configs_says_whose_sketch_a_file_named_otherwise_than_its_site_is(tmp_path, capsys):
    """Ids '.', '..' and '...' are valid (letters, digits, '.', '_', '-'); their sketches are __.txt, __-2.txt and
    __-3.txt, and nothing said which site each belonged to."""
    import json

    ids = [".", "..", "...", "hq"]
    design = {"sites": [{"id": i, "users": 5} for i in ids[:3]] + [{"id": "hq", "name": "Bern", "kind": "hq",
                                                                    "cucm_publisher": True, "users": 10}],
              "clouds": [{"id": "c"}], "links": [{"id": f"l{n}", "a": i, "b": "c"} for n, i in enumerate(ids)]}
    path = tmp_path / "ids.json"
    path.write_text(json.dumps(design), encoding="utf-8")
    code, out, _err = _run(capsys, "configs", path, "-o", tmp_path / "cfg")
    assert code == 0
    folder = tmp_path / "cfg"
    assert f"wrote {folder / '__.txt'} (site id '.')" in out.splitlines()
    assert f"wrote {folder / '__-2.txt'} (site id '..')" in out.splitlines()
    assert f"wrote {folder / '__-3.txt'} (site id '...')" in out.splitlines()
    assert f"wrote {folder / 'hq.txt'} (site 'Bern')" in out.splitlines()  # named after its id: as before


def test_compare_with_vary_says_the_saved_options_are_not_compared(tmp_path, capsys):
    """With --vary the design's own options were left out in silence: the table held the --vary columns only."""
    import json

    design = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    design["scenarios"] = [{"name": "Option G.729", "codec": "g729"}, {"name": "Option iLBC", "codec": "ilbc-20"}]
    path = tmp_path / "options.json"
    path.write_text(json.dumps(design), encoding="utf-8")
    code, out, err = _run(capsys, "compare", path, "--vary", "ptime=30", "--json")
    assert code == 0
    assert [s["name"] for s in json.loads(out)["scenarios"]] == ["Current design", "ptime=30"]
    assert err.strip() == ("advisor: note: the design's 2 saved options are not compared with --vary; leave --vary "
                           "out to compare them")
    code, out, err = _run(capsys, "compare", path, "--json")  # without --vary they are, and nothing is noted
    assert code == 0 and err == ""
    assert [s["name"] for s in json.loads(out)["scenarios"]] == ["Current design", "Option G.729", "Option iLBC"]
