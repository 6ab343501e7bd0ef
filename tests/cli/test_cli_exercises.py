"""`advisor exercises`: through `advisor.cli.main`: JSON contract, deterministic PDFs, one-line errors; plus the real command line."""

from __future__ import annotations

import json

import pytest

from advisor import cli


@pytest.fixture
def run(capsys):
    def invoke(*argv: str) -> tuple[int, str, str]:
        try:
            status = cli.main(["exercises", *argv])
        except SystemExit as exc:  # argparse's own errors (a bad --count) exit with 2
            status = exc.code
        out = capsys.readouterr()
        return status, out.out, out.err
    return invoke


def test_json_contract(run):
    status, out, _ = run("--count", "6", "--seed", "4", "--json")
    assert status == 0
    data = json.loads(out)
    assert [e["topic"] for e in data["exercises"]] == ["packet", "erlang", "link", "vpn", "deployment", "flaws"]
    for e in data["exercises"]:
        assert set(e) == {"id", "topic", "question", "given", "answer", "solution"}
        assert e["question"] and e["answer"] and e["solution"][0].startswith("Step 1: ")


def test_same_seed_same_pdfs(run, tmp_path):
    paths = []
    for k in range(2):
        sheet, key = tmp_path / f"s{k}.pdf", tmp_path / f"k{k}.pdf"
        status, out, err = run("--count", "4", "--seed", "9", "--topics", "packet,erlang", "-o", str(sheet),
                               "--answers", str(key))
        assert status == 0 and not out and "wrote" in err
        paths.append((sheet.read_bytes(), key.read_bytes()))
    assert paths[0] == paths[1]
    assert paths[0][0].startswith(b"%PDF") and paths[0][0] != paths[0][1]


def test_json_and_pdfs_together(run, tmp_path):
    status, out, _ = run("--count", "2", "--topics", "erlang", "--json", "--answers", str(tmp_path / "k.pdf"))
    assert status == 0 and len(json.loads(out)["exercises"]) == 2 and (tmp_path / "k.pdf").is_file()


def test_text_without_outputs(run):
    status, out, _ = run("--count", "1", "--seed", "2", "--topics", "erlang")
    assert status == 0 and out.startswith("ex01 (erlang)") and "answer: " in out


@pytest.mark.parametrize("argv, message", [
    (("--topics", "packet,qos"), "--topics: unknown topic 'qos'"),
    (("--topics", ""), "--topics: no topic given"),  # an empty variable in a script: was every topic, silently
    (("--topics", " , ,,"), "--topics: no topic given"),
    (("-o", "/no/such/folder/sheet.pdf"), "-o: the folder /no/such/folder does not exist"),
    (("-o", "same.pdf", "--answers", "same.pdf"), "name the same file"),
])
def test_bad_input_one_line(run, argv, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = run(*argv)
    assert status == 2 and message in err and not out
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_bad_count(run):
    status, _, err = run("--count", "0")
    assert status == 2 and "--count: must be from 1 to 200" in err


def test_real_command_line(cli, tmp_path):
    proc = cli("exercises", "--count", "6", "--seed", "3", "-o", str(tmp_path / "s.pdf"), "--answers",
               str(tmp_path / "k.pdf"), "--json")
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["exercises"]) == 6
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")


def test_a_key_that_cannot_be_written_leaves_no_sheet_behind(run, tmp_path, monkeypatch):
    """The sheet was written, then the key refused: both folders are tried before either file is written."""
    from advisor import atomic

    locked = tmp_path / "locked"
    locked.mkdir()
    real = atomic.locked_temp

    def locked_temp(folder, prefix):  # the check that a file can be made in the folder
        if str(folder) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real(folder, prefix)

    monkeypatch.setattr(atomic, "locked_temp", locked_temp)
    sheet = tmp_path / "sheet.pdf"
    status, out, err = run("--count", "2", "--seed", "1", "-o", str(sheet), "--answers", str(locked / "key.pdf"))
    assert status == 2 and not out
    assert err.count("\n") == 1 and "--answers" in err and "Permission denied" in err
    assert not sheet.exists() and list(locked.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["locked"]  # no probe file left either
