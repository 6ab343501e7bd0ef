"""The `advisor` program's entry: a sub-command flushes its output and ends the process at once (no teardown of
the objects it built); the desktop app's path exits normally."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from advisor import cli


@pytest.fixture(autouse=True)
def _collector_restored():
    """`entry` turns the cyclic collector off for good before a sub-command (the process ends right after); here
    the process goes on, so each test leaves it as it found it."""
    import gc

    was = gc.isenabled()
    yield
    if was:
        gc.enable()


class _Exited(Exception):
    def __init__(self, code):
        self.code = code


def test_a_sub_command_flushes_then_ends_the_process(monkeypatch, capsys):
    flushed = []
    monkeypatch.setattr(sys, "argv", ["advisor", "erlang", "--traffic", "10", "--gos", "0.01"])
    real_flush = sys.stdout.flush
    monkeypatch.setattr(sys.stdout, "flush", lambda: (flushed.append("out"), real_flush())[1])

    def fake_exit(code):
        raise _Exited(code)

    monkeypatch.setattr(cli.os, "_exit", fake_exit)
    with pytest.raises(_Exited) as ended:
        cli.entry()
    assert ended.value.code == 0
    assert flushed  # the output was flushed before the process ended
    assert "18" in capsys.readouterr().out  # 10 E at P.01 need 18 trunks (Erlang B table)


def test_the_app_path_exits_normally(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["advisor", "design.json"])
    monkeypatch.setattr(cli, "main", lambda argv: 0)
    monkeypatch.setattr(cli.os, "_exit", lambda code: pytest.fail("the app path must not skip its teardown"))
    with pytest.raises(SystemExit) as ended:
        cli.entry()
    assert ended.value.code == 0


def test_output_is_whole_and_a_closed_pipe_is_quiet():
    example = str(Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json")
    whole = subprocess.run([sys.executable, "-m", "advisor", "check", "--json", example], capture_output=True,
                           check=False, timeout=120)
    assert whole.returncode in (0, 1) and whole.stdout.rstrip().endswith(b"}")
    # a reader that stops after the first bytes: no "Exception ignored" noise, the command's own status
    proc = subprocess.Popen([sys.executable, "-m", "advisor", "check", "--json", example], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert b"Exception ignored" not in err and b"Traceback" not in err


def test_a_sub_command_ends_with_the_collector_still_off(monkeypatch):
    # `main` turns the collector back on when it turned it off; after a sub-command the process ends at once, and
    # re-enabling it there let the first allocation walk every object of the design and its results (~0.1 s of a
    # 10,000-site `check --json`). `entry` turns it off for good before `main`.
    import gc

    monkeypatch.setattr(sys, "argv", ["advisor", "erlang", "--traffic", "10", "--gos", "0.01"])
    seen = []

    def fake_exit(code):
        seen.append(gc.isenabled())
        raise _Exited(code)

    monkeypatch.setattr(cli.os, "_exit", fake_exit)
    with pytest.raises(_Exited):
        cli.entry()
    assert seen == [False]


@pytest.mark.parametrize(("word", "hint"), [("chek", "did you mean 'check'? "), ("export", "did you mean 'report'? "),
                                            ("xyzzy", "")])
def test_a_mistyped_command_is_named_not_opened_in_the_app(word, hint, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "_gui", lambda path: pytest.fail(f"opened the app on {path!r}"))
    assert cli.main([word, "design.json"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"advisor: error: unknown command '{word}': {hint}the commands are calc, erlang")
    assert err.count("\n") == 1


def test_a_file_named_like_a_word_still_opens(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mydesign").write_text("{}")
    opened = []
    monkeypatch.setattr(cli, "_gui", lambda path: opened.append(path) or 0)
    assert cli.main(["mydesign"]) == 0 and opened == ["mydesign"]
    assert cli.main(["design.json"]) == 0 and opened[-1] == "design.json"  # a file name, even one not there yet


@pytest.mark.parametrize("mode", [["--json"], []])
def test_a_pipe_closed_midway_keeps_the_verdict(mode, tmp_path):
    # `advisor check x | head` under `set -o pipefail`: a design with error findings still exits 1 when the reader
    # stops early (it exited 0, as if the design were sound). A 2,000-site chain of overloaded leased lines writes
    # far more than a pipe holds, so the write itself meets the closed pipe.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    path = tmp_path / "chain.json"
    path.write_text(generate(2000, "chain").model_dump_json(), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "advisor", "check", *mode, str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert len(proc.stdout.read(10)) == 10
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 1
    assert b"Traceback" not in err
