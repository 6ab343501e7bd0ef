"""A number closer to 0 than the smallest normal float (about 2.2e-308) is refused in a design file, as the command
line refuses it: a grade of service of 1e-320 was taken, and `advisor explain` printed blocking figures such as
"B(8.730 E, 290) = 2.124 × 10⁻³¹⁹ % ≤ 1 × 10⁻³¹⁸ %" from a number holding a few bits."""

from __future__ import annotations

import json

import pytest

from advisor import io
from advisor.io_errors import DesignFileError

TOO_CLOSE = "is too close to 0 to compute with: a number here must be 0 or at least about 2.2e-308 away from it"


def _file(tmp_path, **changes) -> str:
    data = {"schema_version": 1, "sites": [{"id": "a", "x": 0.0, "y": 0.0}]}
    for path, value in changes.items():
        part, _, name = path.partition("__")
        if part == "site":
            data["sites"][0][name] = value
        else:
            data.setdefault(part, {})[name] = value
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("change, where", [
    ({"traffic__gos": 1e-320}, "traffic.gos"),
    ({"site__x": 5e-324}, "sites[0].x"),
    ({"site__y": -2.2e-308}, "sites[0].y"),  # just below the smallest normal, on the negative side
    ({"delay__jitter_buffer_ms": 1e-310}, "delay.jitter_buffer_ms"),
])
def test_a_denormal_is_refused_naming_the_field(tmp_path, change, where):
    with pytest.raises(DesignFileError) as caught:
        io.load(_file(tmp_path, **change))
    site = " (site 'a')" if where.startswith("sites") else ""  # a site's field names the site too
    assert str(caught.value).endswith(f"invalid design: {where}: {TOO_CLOSE}{site}")


def test_a_range_says_its_own_bound_first(tmp_path):
    # a share at least 0.01: the range is what the user must meet
    with pytest.raises(DesignFileError, match=r"traffic\.llq_share: must be ≥ 0\.01"):
        io.load(_file(tmp_path, traffic__llq_share=5e-324))


@pytest.mark.parametrize("value, read", [(0.0, 0.0), (-0.0, 0.0), (2.2250738585072014e-308, 2.2250738585072014e-308),
                                         (-2.2250738585072014e-308, -2.2250738585072014e-308)])
def test_zero_and_the_smallest_normal_numbers_are_taken(tmp_path, value, read):
    design = io.load(_file(tmp_path, site__x=value))
    assert design.sites[0].x == read and str(design.sites[0].x) == str(read)
