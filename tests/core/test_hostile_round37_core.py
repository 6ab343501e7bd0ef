"""Hostile round 37 (core): the model's refusals in plain words, titled traffic overrides, a NUL in a path to open."""

from __future__ import annotations

import pytest

from advisor import io
from advisor.cli import main
from advisor.commands import CommandError, SetFields, SetFieldsMany
from advisor.model import Design, Link, Site, SiteTraffic, TrafficPolicy


@pytest.fixture
def design() -> Design:
    return Design(sites=(Site(id="hq", name="HQ", kind="hq", users=0, phones=0, cucm_publisher=True),
                         Site(id="br", name="Branch", users=10)),
                  links=(Link(id="l-hq", a="hq", b="br"),))


def _refusal(design: Design, target: str, values: dict) -> str:
    with pytest.raises(CommandError) as err:
        SetFields.checked(design, target, values)
    return str(err.value)


def test_custom_layer_2_without_its_bytes_names_the_link_then_the_problem_in_words(design):
    """Was "l-hq.layer 2 'custom' needs l2_bytes": no ': ' after the link and the file's field name."""
    text = _refusal(design, "l-hq", {"l2": "custom"})
    assert text == "Link 'HQ – Branch': layer 2 'custom' needs its header bytes per packet (Custom layer 2)"
    assert "l2_bytes" not in text


def test_public_area_phones_beyond_the_site_phones_names_the_site_then_the_problem_in_words(design):
    """Was "hq.public_area_phones (15) exceeds the site's phones (0)"."""
    text = _refusal(design, "hq", {"public_area_phones": 15})
    assert text == "Site 'HQ': phones in public areas (15) exceed the site's phones (0)"
    assert "public_area_phones" not in text


def test_the_same_words_for_several_items_at_once(design):
    with pytest.raises(CommandError) as err:
        SetFieldsMany(("hq", "br"), {"public_area_phones": 15}).apply(design)
    assert str(err.value) == ("Site 'HQ': phones in public areas (15) exceed the site's phones (0) "
                              "(and 1 more of the selected sites)")


def test_a_section_check_that_names_no_field_reads_section_colon_problem(design):
    """The design's traffic shares that do not add up: "design.traffic: intra-site ...", not "design.traffic.intra-site"."""
    text = _refusal(design, "design.traffic", {"pstn_share": 0.9})
    assert text.startswith("Traffic: intra-site + on-net + PSTN shares must add up to 1")


def test_a_field_refusal_still_names_the_field_after_a_dot(design):
    assert _refusal(design, "hq", {"users": -1}) == "Site 'HQ': Users must be ≥ 0"
    assert _refusal(design, "hq.traffic", {"pstn_share": 2}) == "Site 'HQ', traffic overrides: PSTN share must be ≤ 1"


def test_a_design_file_gives_the_same_words_with_the_item_named(tmp_path):
    path = tmp_path / "d.json"
    path.write_text('{"sites": [{"id": "hq", "name": "HQ", "users": 0, "public_area_phones": 3}, {"id": "b"}],'
                    ' "links": [{"id": "l1", "a": "hq", "b": "b", "l2": "custom"}]}', encoding="utf-8")
    with pytest.raises(io.DesignFileError) as err:
        io.load(path)
    text = str(err.value)
    assert "sites[0]: phones in public areas (3) exceed the site's phones (0) (site 'HQ')" in text
    assert "links[0]: layer 2 'custom' needs its header bytes per packet (Custom layer 2) (link 'l1')" in text
    assert "l2_bytes" not in text and "public_area_phones" not in text


def test_every_site_traffic_override_is_titled_as_the_design_default_it_overrides():
    """The Inspector's "Traffic overrides" showed "Holding time s", "Pstn share", "On net share"."""
    design_fields = TrafficPolicy.model_fields
    for name, info in SiteTraffic.model_fields.items():
        assert info.title, name
        assert name in design_fields, name
        assert info.title == design_fields[name].title, name


NUL_WORDS = "the file name contains a NUL character"


def test_opening_a_path_with_a_nul_says_so_in_plain_words(tmp_path):
    path = str(tmp_path / "a\x00b.json")
    with pytest.raises(io.DesignFileError) as err:
        io.load(path)
    text = str(err.value)
    assert NUL_WORDS in text
    assert "embedded null byte" not in text and "\x00" not in text and "a\\x00b.json" in text


def test_the_cli_says_the_same(tmp_path, capsys):
    assert main(["check", str(tmp_path / "a\x00b.json")]) == 2
    err = capsys.readouterr().err
    assert NUL_WORDS in err and "embedded null byte" not in err
