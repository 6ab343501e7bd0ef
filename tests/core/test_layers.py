"""The core never imports Qt, pyqtgraph or the UI (checked in a fresh interpreter)."""

import subprocess
import sys

CORE = ["advisor.model", "advisor.io", "advisor.atomic", "advisor.findings", "advisor.results", "advisor.validation",
        "advisor.codecs", "advisor.packet", "advisor.erlang", "advisor.traffic", "advisor.analysis",
        "advisor.rules.vpn", "advisor.rules.deployment", "advisor.rules.security", "advisor.rules.bandwidth",
        "advisor.commands", "advisor.cli", "advisor.tables", "advisor.erlang_batch", "advisor.numbers",
        "advisor.bom", "advisor.bom_rules", "advisor.configs", "advisor.tabular", "advisor.importer", "advisor.sheets",
        "advisor.explain", "advisor.exercises", "advisor.routing_arrays", "advisor.routing_blocks_arrays",
        "advisor.progress", "advisor.json_bounds"]


def test_core_imports_without_qt():
    code = ("import importlib, sys\n"
            f"for m in {CORE!r}: importlib.import_module(m)\n"
            "bad = [m for m in ('PySide6', 'pyqtgraph', 'advisor.ui') if m in sys.modules]\n"
            "assert not bad, bad\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_cli_fast_paths_do_not_load_reportlab():
    code = ("import sys\nfrom advisor.cli import main\n"
            "main(['calc', '--json'])\nmain(['erlang', '--traffic', '10', '--gos', '0.01', '--json'])\n"
            "bad = [m for m in ('PySide6', 'pyqtgraph', 'reportlab') if m in sys.modules]\n"
            "assert not bad, bad\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
