"""Round 46 of the hostile-input hunt, the core: legal designs whose odd shape made a command's output or memory grow
with the square of their size, and site lists whose one row held millions of cells."""

from __future__ import annotations

import pytest

from advisor import clustering, configs
from advisor.analysis import analyse
from advisor.model import Design


def _wide_cluster(sites: int) -> Design:
    """One cluster with call processing at every site (a subscriber each, the publisher at the first), all on one
    cloud: more call-processing sites than one cluster can hold, which the analysis flags."""
    rows = [{"id": f"s{i:03d}", "name": f"Site {i}", "users": 10, "cucm_subscribers": 1} for i in range(sites)]
    rows[0].update(kind="hq", cucm_publisher=True)
    return Design.model_validate({
        "name": "wide cluster", "deployment_model": "clustering-over-wan", "sites": rows,
        "clouds": [{"id": "wan", "kind": "mpls"}],
        "links": [{"id": f"l{i:03d}", "a": f"s{i:03d}", "b": "wan"} for i in range(sites)]})


def test_a_cluster_too_wide_lists_its_locations_once_not_in_every_sketch():
    """Each call-processing site's sketch listed every location of its cluster: 20,000 such sites made 20,000
    sketches of 20,000 locations each (tens of gigabytes; `advisor configs` was killed after five minutes at 8 GB,
    and the PDF's appendix builds the same sketches). A cluster beyond what one cluster can hold lists them once, in
    its first call-processing site's sketch; the others say where."""
    n = clustering.max_sites() + 3
    texts = configs.sketch_texts(_wide_cluster(n), analyse(_wide_cluster(n)))
    first, second = texts["s000"], texts["s001"]
    assert all(f"location s{i:03d} (" in first for i in range(n))
    assert "location s000 (" not in second and "location s002 (" not in second
    assert "listed once, in the sketch of its first call-processing site, s000 (Site 0)" in " ".join(
        line.lstrip("! ") for line in second.splitlines())
    # the whole output grows with the design, not with its square
    listed = sum(text.count("!   location ") for text in texts.values())
    assert listed == n


def test_a_cluster_within_the_limits_still_lists_every_location_at_each_call_processing_site():
    n = clustering.max_sites()
    texts = configs.sketch_texts(_wide_cluster(n), analyse(_wide_cluster(n)))
    for i in range(n):
        assert texts[f"s{i:03d}"].count("!   location ") == n


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_a_csv_row_of_millions_of_cells_is_refused_naming_its_row(tmp_path, delimiter):
    """A row of 60 million empty cells (a 60 MB line of commas, within the file size limit) took 1.3 GB while csv
    built the row's list of cells, only to keep its first 200. A row of more cells than a site list could hold is
    refused, naming the row, as a workbook's row of too many cells is."""
    from advisor.importer import ImportFileError, preview
    from advisor.importer.reading import MAX_ROW_CELLS

    path = tmp_path / "sites.csv"
    path.write_text(f"Site Name{delimiter}Users\nA{delimiter}1\n" + delimiter * (MAX_ROW_CELLS + 5) + "\n",
                    encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        preview(path)
    message = str(err.value)
    assert "sites.csv" in message and "row 3" in message and f"{MAX_ROW_CELLS:,}" in message
    assert "\n" not in message


def test_a_csv_row_just_within_the_cell_limit_still_reads(tmp_path):
    from advisor.importer import preview
    from advisor.importer.reading import MAX_ROW_CELLS

    path = tmp_path / "sites.csv"
    path.write_text("Site Name,Users\nA,1\nB,2" + "," * (MAX_ROW_CELLS - 2) + "\n", encoding="utf-8")
    pre = preview(path)
    assert [row.cells[:2] for row in pre.rows] == [("A", "1"), ("B", "2")]


def test_a_cjk_font_file_larger_than_any_font_is_not_read(tmp_path, monkeypatch):
    """reportlab reads a font file whole: ADVISOR_CJK_FONT naming a 3 GB file took 3.2 GB and 15 s. A file beyond
    the largest font is passed over unread, as a damaged one is; a file of a font's size is still tried."""
    from advisor.report import fonts

    huge, small = tmp_path / "huge.ttf", tmp_path / "small.ttf"
    with open(huge, "wb") as fh:
        fh.truncate(fonts.MAX_FONT_BYTES + 1)  # sparse: no disk used
    small.write_bytes(b"not a font, though of a font header's size")  # (a smaller file is passed over unread)
    tried: list[str] = []

    def spy(_name, path, **_kw):
        tried.append(path)
        raise ValueError("not a TrueType font")

    monkeypatch.setattr(fonts, "_Font", spy)  # the font class `_load_cjk` builds (a TTFont of its own)
    monkeypatch.setenv("ADVISOR_CJK_FONT", str(huge))
    fonts._load_cjk()
    assert str(huge) not in tried
    monkeypatch.setenv("ADVISOR_CJK_FONT", str(small))
    tried.clear()
    fonts._load_cjk()
    assert tried[0] == str(small)  # the variable's file first, then the system's fonts


def test_an_object_of_millions_of_unknown_fields_is_refused_before_validation():
    """Three million unknown fields in the design object (a 38 MB file, within every other limit) took 13 s and
    3.6 GB: each was a validation problem, and the problems were worded one by one. An object of more fields than
    any part of a design holds is refused before validation, naming where it is."""
    from advisor.io import DesignFileError, parse
    from advisor.json_bounds import MAX_FIELDS

    extra = ",".join(f'"k{i}": 0' for i in range(MAX_FIELDS + 1))
    for text, where in (('{"schema_version": 1, ' + extra + "}", "the design"),
                        ('{"schema_version": 1, "sites": [{"id": "a"}, {"id": "b", ' + extra + "}]}", "sites[1]")):
        with pytest.raises(DesignFileError) as err:
            parse(text, "many.json")
        assert str(err.value) == (f"many.json: invalid design: {where}: holds {MAX_FIELDS + 2:,} fields, far more "
                                  f"than any part of a design (at most {MAX_FIELDS:,})")


def test_a_crowded_object_among_many_small_ones_skips_the_compiled_parser():
    """Ten thousand small sites gave the text enough objects for pydantic's compiled parser, which then worded two
    million unknown fields of one site as problems (1 GB) before the checked path refused the file."""
    from advisor.json_bounds import MAX_FIELDS, compiled_parse_safe

    sites = ", ".join(f'{{"id": "s{i}", "name": "a:b:c"}}' for i in range(10_000))
    plain = '{"schema_version": 1, "sites": [' + sites + "]}"
    assert compiled_parse_safe(plain)  # colons inside names do not count
    crowded = plain.replace('{"id": "s5", ', '{"id": "s5", ' + "".join(f'"k{i}": 0, ' for i in range(MAX_FIELDS
                                                                                                    * 1000)))
    assert not compiled_parse_safe(crowded)


def test_the_largest_valid_objects_are_far_below_the_field_limit():
    from advisor.json_bounds import MAX_FIELDS
    from advisor.model import Design, Site

    assert len(Design.model_fields) * 10 < MAX_FIELDS and len(Site.model_fields) * 10 < MAX_FIELDS
