"""Loading ahead (`advisor.ahead`): numpy for Erlang B over many links. The app allows it; the command line does
not. Run in child processes: numpy is imported in this one already."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import sys
from advisor import ahead, erlang, erlang_batch
if {allow}:
    ahead.allow()
loads = [1.0 + i / 7 for i in range(200)]  # 200 distinct loads of 1-30 E: too little work to import numpy for
got = erlang_batch.trunks_many(loads, 0.01)
assert got == {{a: erlang.trunks(a, 0.01) for a in loads}}  # answered at once, on the scalar path
ahead.wait(30)
print("numpy" in sys.modules, ahead.started("numpy"))
erlang_batch.clear()
again = erlang_batch.trunks_many([a + 0.5 for a in loads], 0.01)  # the next edit's loads
assert again == {{a + 0.5: erlang.trunks(a + 0.5, 0.01) for a in loads}}
"""


def _run(allow: bool) -> str:
    done = subprocess.run([sys.executable, "-c", CODE.format(allow=allow)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_app_imports_numpy_on_a_thread_once_erlang_b_would_use_it():
    assert _run(True) == ["True", "True"]


def test_the_command_line_never_imports_numpy_for_a_small_batch():
    assert _run(False) == ["False", "False"]


def test_a_load_that_fails_is_silent_and_happens_once(monkeypatch):
    import threading

    from advisor import ahead

    calls = []

    def broken():
        calls.append(threading.current_thread().name)
        raise ImportError("no such module")

    hooked = []
    monkeypatch.setattr(threading, "excepthook", lambda args: hooked.append(args))
    monkeypatch.setattr(ahead, "_allowed", True)
    ahead.forget("broken load")
    ahead.load("broken load", broken)
    ahead.load("broken load", broken)
    ahead.wait(10)
    assert calls == ["broken load"] and hooked == []  # run once, and no traceback on stderr
    ahead.forget("broken load")
