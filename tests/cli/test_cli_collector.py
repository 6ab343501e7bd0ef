"""Sub-commands run with Python's cyclic garbage collector off and give it back as they found it."""

from __future__ import annotations

import contextlib
import gc
import io

from advisor.cli import main


def _run(argv: list[str]) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(argv)


def test_collector_is_back_on_after_a_command():
    assert gc.isenabled()
    assert _run(["erlang", "--traffic", "10", "--gos", "0.01"]) == 0
    assert gc.isenabled()


def test_collector_is_back_on_after_a_failing_command(tmp_path):
    assert _run(["check", str(tmp_path / "missing.json")]) == 2
    assert gc.isenabled()


def test_collector_stays_off_when_the_caller_turned_it_off():
    gc.disable()
    try:
        assert _run(["erlang", "--traffic", "10", "--gos", "0.01"]) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_collector_is_off_while_the_command_runs(monkeypatch):
    seen: list[bool] = []
    import advisor.cli.erlang_cmd as erlang_cmd

    original = erlang_cmd.run

    def spy(args):
        seen.append(gc.isenabled())
        return original(args)

    monkeypatch.setattr(erlang_cmd, "run", spy)
    assert _run(["erlang", "--traffic", "10", "--gos", "0.01"]) == 0
    assert seen == [False]

