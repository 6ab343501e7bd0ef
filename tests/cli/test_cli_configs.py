"""`advisor configs`: one file per site in a folder (or printed), the sketches' figures, and messages for bad input.

Each test runs through `advisor.cli.main` once `configs` is a registered sub-command (skipped until then), and
through a parser holding only this command's `register`, with main's error handling."""

import json
from pathlib import Path

import pytest

from advisor import cli
from advisor.analysis import analyse
from advisor.configs import sketch_texts
from advisor.io import load

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))
HQ_40 = next(p for p in EXAMPLES if p.stem == "hq-40-branches-internet")


@pytest.fixture
def advisor():
    return cli.main


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_writes_one_file_per_site(advisor, capsys, tmp_path, example):
    out = tmp_path / "sketches"
    assert advisor(["configs", str(example), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    design = load(example)
    expected = sketch_texts(design, analyse(design))
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{sid}.txt" for sid in expected)
    for sid, text in expected.items():
        assert (out / f"{sid}.txt").read_text(encoding="utf-8") == text
        assert f"wrote {out / (sid + '.txt')}" in printed
    count = "1 configuration sketch" if len(expected) == 1 else f"{len(expected):,} configuration sketches"
    assert printed.rstrip().endswith(f"{count} to review in {out}")


def test_branch_file_carries_the_sizing(advisor, capsys, tmp_path):
    # store 03: 16 calls × 64.80 kbps (G.729 over DMVPN, NAT-T, Ethernet) = 1,036.8 kbps -> priority 1037;
    # 50 phones -> max-ephones 50; DMVPN practice ip mtu 1400 / adjust-mss 1360
    assert advisor(["configs", str(HQ_40), "-o", str(tmp_path)]) == 0
    lines = (tmp_path / "br03.txt").read_text(encoding="utf-8").splitlines()
    for line in ("  priority 1037", " max-ephones 50", " ip mtu 1400", " ip tcp adjust-mss 1360"):
        assert line in lines


def test_printed_without_output_and_one_site(advisor, capsys):
    assert advisor(["configs", str(HQ_40), "--site", "br03"]) == 0
    out = capsys.readouterr().out
    assert out.count("CONFIGURATION SKETCH TO REVIEW") == 1 and "Site br03 (Store 03)" in out


def test_vpn_hubs_option(advisor, capsys):
    assert advisor(["configs", str(HQ_40), "--site", "hq", "--vpn-hubs", "1"]) == 0
    out = capsys.readouterr().out
    assert "DMVPN hub 1 of 1" in out and "hub 2" not in out


@pytest.mark.parametrize("extra, message", [
    (["--site", "nowhere"], "--site 'nowhere': no such site in the design"),
    (["-o", "{file}"], "is a file; give a folder"),
    (["-o", "/dev/null"], "/dev/null: is a device; give a folder"),
    (["--vpn-hubs", "9"], "--vpn-hubs 9: give 1 to 8"),
])
def test_bad_options_exit_2(advisor, capsys, tmp_path, extra, message):
    file = tmp_path / "a-file.txt"
    file.write_text("x")
    assert advisor(["configs", str(HQ_40), *(x.format(file=file) for x in extra)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bad_design_exit_2(advisor, capsys, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"links": [{"id": "l", "a": "x", "b": "y"}]}))
    assert advisor(["configs", str(path), "-o", str(tmp_path / "out")]) == 2
    assert "links[0].a: unknown site or cloud 'x'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # nothing written for a design that cannot be read


def test_a_disk_that_fills_midway_says_how_many_sketches_stay(advisor, capsys, tmp_path, monkeypatch):
    # batches of 16 sketches: the first is written, the disk is full at the second
    from advisor import io as advisor_io
    from advisor.configs import files

    monkeypatch.setattr(files, "_BATCH", 16)
    real, calls = advisor_io.write_atomic_many, []

    def filling(items, batch=128):
        calls.append(len(items))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(items, batch=batch)

    monkeypatch.setattr(advisor_io, "write_atomic_many", filling)
    out = tmp_path / "cfg"
    assert advisor(["configs", str(HQ_40), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    sites = len(load(HQ_40).sites)
    assert f"cannot be written: No space left on device; 16 of the {sites:,} sketches were written before it and " \
           f"stay in {out}" in err
    assert len(list(out.iterdir())) == 16
