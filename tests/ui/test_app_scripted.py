"""Scripted runs (ADVISOR_QUIT_WHEN_SHOWN): a design that cannot be opened exits 2 with the reason on stderr,
instead of waiting on a dialog nobody will close."""

import os
import subprocess
import sys


def test_unreadable_design_exits_2(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text("{")
    env = {**os.environ, "ADVISOR_QUIT_WHEN_SHOWN": "1", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, "-m", "advisor", str(bad)], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 2
    assert "broken.json" in proc.stderr and "the file ends too early" in proc.stderr
    assert "Traceback" not in proc.stderr
