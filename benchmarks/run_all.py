"""Run every benchmark script in this folder, one after the other, with their default sizes (`make bench-all`), and
say how long each took and whether it ended well. `budgets.py` (`make bench`) gives every budget's verdict in one
run; these scripts give the detail behind each."""

import os
import subprocess
import sys
import time
from pathlib import Path

here = Path(__file__).resolve().parent
env = dict(os.environ)
env.setdefault("QT_QPA_PLATFORM", "offscreen")  # the window and canvas scripts need no display
failed = []
began = time.perf_counter()
for script in sorted(here.glob("bench_*.py")):
    print(f"== {script.name}", flush=True)
    t0 = time.perf_counter()
    code = subprocess.run([sys.executable, str(script)], check=False, env=env).returncode
    print(f"== {script.name}: {time.perf_counter() - t0:.0f} s{'' if code == 0 else f', exit status {code}'}",
          flush=True)
    if code != 0:
        failed.append(script.name)
print(f"== all: {time.perf_counter() - began:.0f} s" + (f"; failed: {', '.join(failed)}" if failed else ""))
sys.exit(1 if failed else 0)
