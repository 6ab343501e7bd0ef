"""The benchmarks' design generator (benchmarks/generate.py): every shape it names makes a valid design, and a full
mesh larger than a design may hold is refused with its count of links, before it is built (10,000 sites would be
49,995,000 links: the generator ran out of memory)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
from generate import EXTRA_TOPOLOGIES, TOPOLOGIES, generate  # noqa: E402

from advisor.model import MAX_LINKS  # noqa: E402


@pytest.mark.parametrize("shape", TOPOLOGIES + EXTRA_TOPOLOGIES)
def test_every_shape_makes_a_design_of_that_many_sites(shape):
    design = generate(30, shape)
    assert len(design.sites) == 30
    assert design.links


def test_the_largest_full_mesh_a_design_holds_is_made_and_one_more_site_is_refused():
    # n sites in a full mesh make n (n - 1) / 2 links: 316 make 49,770 (within 50,000), 317 make 50,086
    assert MAX_LINKS == 50_000
    assert len(generate(316, "full-mesh").links) == 316 * 315 // 2 == 49_770
    with pytest.raises(ValueError, match=r"317 sites make 50,086 links; a design holds at most 50,000 links \(316"):
        generate(317, "full-mesh")


def test_the_command_refuses_it_in_one_line_without_a_traceback():
    proc = subprocess.run([sys.executable, str(BENCHMARKS / "generate.py"), "--sites", "10000", "--topology",
                           "full-mesh"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "10,000 sites make 49,995,000 links" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
