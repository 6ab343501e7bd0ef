"""The command line run in the test's own process (far faster than a subprocess, for thousands of hostile runs)."""

from __future__ import annotations

import json
from pathlib import Path

from advisor.cli import main


def run(capsys, *argv) -> tuple[int, str, str]:
    """`advisor ARGV...` in this process: (exit code, stdout, stderr). argparse refuses by SystemExit, whose code is
    returned the same way. Whatever the outcome, nothing on stderr may be a traceback or an internal error."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as stop:
        code = stop.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err, err
    return code, out, err


def refusal(capsys, *argv) -> str:
    """The one line on stderr of a run refused as bad usage or input (exit 2, nothing on stdout)."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, ""), (code, out[:200], err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def changed_copy(source: Path, tmp_path: Path, change, name: str = "d.json") -> Path:
    """The design file `source` as JSON, `change(data)` applied, written to `tmp_path / name`: its path."""
    data = json.loads(source.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
