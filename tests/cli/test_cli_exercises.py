"""`advisor exercises`: through `advisor.cli.main` (once registered in SUBCOMMANDS) and through the module's own
`register` (always): JSON contract, deterministic PDFs, one-line errors; plus the real command line."""

from __future__ import annotations

import argparse
import json

import pytest

from advisor import cli
from advisor.cli import exercises_cmd
from advisor.cli._common import UsageError, fail

REGISTERED = "exercises" in cli.SUBCOMMANDS


def run_registered(argv: list[str]) -> int:
    """What `advisor.cli.main` does for a sub-command, with only this module registered."""
    parser = argparse.ArgumentParser(prog="advisor")
    sub = parser.add_subparsers(dest="command")
    exercises_cmd.register(sub)
    try:
        args = parser.parse_args(argv)
        return int(args.handler(args) or 0)
    except UsageError as exc:
        return fail(str(exc))


RUNNERS = [pytest.param(cli.main, id="main", marks=pytest.mark.skipif(
               not REGISTERED, reason="'exercises' is not yet in advisor.cli.SUBCOMMANDS")),
           pytest.param(run_registered, id="register")]


@pytest.fixture(params=RUNNERS)
def run(request, capsys):
    def invoke(*argv: str) -> tuple[int, str, str]:
        try:
            status = request.param(["exercises", *argv])
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


@pytest.mark.skipif(not REGISTERED, reason="'exercises' is not yet in advisor.cli.SUBCOMMANDS")
def test_real_command_line(cli, tmp_path):
    proc = cli("exercises", "--count", "6", "--seed", "3", "-o", str(tmp_path / "s.pdf"), "--answers",
               str(tmp_path / "k.pdf"), "--json")
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["exercises"]) == 6
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
