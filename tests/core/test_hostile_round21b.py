"""Hostile input, round 21b: the spreadsheet tables, `advisor explain` and `advisor exercises` options, and output
paths whose folder is wrong.

- A finding on every site named them all in one "Concerns" cell: 3.3 MB for a 20,000-site design, which the CSV
  file carried whole (Python's csv reader refuses a field over 128 KB; a spreadsheet splits or cuts it) and the
  workbook cut in the middle of a name.
- `advisor explain --link ""` matched every link without a name: "13 links are named ''", and with one unnamed
  link it explained that link as if the user had named it.
- `advisor exercises --seed` of 5,000 digits said "expected a whole number"; `-o FILE/x.pdf` said the folder FILE
  "does not exist"; `check --csv FILE/x.csv` said "Not a directory".
"""

from __future__ import annotations

import csv
import io as text_io
import json

import pytest

from advisor import sheets, tabular
from advisor.analysis import analyse
from advisor.cli import main
from advisor.model import Design

NAME = 200  # the longest name a site may have


def _long_named(n: int) -> Design:
    sites = [{"id": "hq", "name": "H" * NAME, "kind": "hq", "users": 100, "cucm_publisher": True}]
    sites += [{"id": f"b{i}", "name": f"{i:03d}" + "x" * (NAME - 3), "users": 10} for i in range(1, n)]
    links = [{"id": f"l{i}", "a": s["id"], "b": "wan"} for i, s in enumerate(sites)]
    return Design.model_validate({"sites": sites, "clouds": [{"id": "wan", "kind": "mpls"}], "links": links})


def test_a_finding_on_many_sites_names_whole_names_then_how_many_more():
    design = _long_named(200)
    table = sheets.findings_sheet(design, analyse(design))
    concerns = {row[1]: row[2] for row in table.rows}["SEC-ENDPOINT"]  # every site has endpoints
    names = [s.name for s in design.sites]
    # 200-character names joined by ", " (202 each) while the next name and ", … and 1,000,000 more" (22)
    # still fit in 32,767: 202 k + 222 <= 32,767 for k up to 161, so 162 names, and 38 more.
    assert concerns == ", ".join(names[:162]) + ", … and 38 more"
    assert len(concerns) == 162 * 200 + 161 * 2 + len(", … and 38 more") <= tabular.MAX_CELL_TEXT


def test_a_short_list_is_unchanged():
    assert sheets.listed(["a", "b"]) == "a, b"
    # 10 × "abc" joined is 48 > 40; a name is added while 5 k + 3 + 22 <= 40 (k names before it): 4 names
    assert sheets.listed(["abc"] * 10, limit=40) == "abc, abc, abc, abc, … and 6 more"


def test_a_csv_cell_is_cut_at_the_spreadsheet_limit_after_its_apostrophe():
    table = tabular.sheet("T", ("a", "b"), [("=" + "y" * 40_000, "z" * 32_767)])
    row = list(csv.reader(text_io.StringIO(tabular.csv_text(table))))[1]  # the csv module's own field limit: 128 KB
    assert row[0] == "'=" + "y" * (tabular.MAX_CELL_TEXT - 3) + "…"
    assert len(row[0]) == tabular.MAX_CELL_TEXT
    assert row[1] == "z" * 32_767  # at the limit: whole


@pytest.fixture
def one_unnamed_link(tmp_path):
    design = {"sites": [{"id": "hq", "kind": "hq", "users": 10, "cucm_publisher": True},
                        {"id": "br", "name": "Branch", "users": 5}],
              "clouds": [{"id": "wan", "kind": "mpls"}],
              "links": [{"id": "l-hq", "a": "hq", "b": "wan", "name": "HQ uplink"},
                        {"id": "l-br", "a": "br", "b": "wan"}]}
    path = tmp_path / "d.json"
    path.write_text(json.dumps(design))
    return str(path)


@pytest.mark.parametrize("option, value", [("--link", ""), ("--link", "  "), ("--site", ""), ("--site", "\t")])
def test_explain_refuses_an_empty_name_instead_of_matching_the_unnamed(one_unnamed_link, capsys, option, value):
    # The design's one unnamed link, and its one site without a name (hq): an empty key picked them.
    assert main(["explain", one_unnamed_link, option, value]) == 2
    what = option[2:]
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"advisor: error: {option}: no {what} given: name one by its id or its name\n"


def test_explain_still_finds_a_link_by_its_name(one_unnamed_link, capsys):
    assert main(["explain", one_unnamed_link, "--link", "hq uplink", "--json"]) == 0
    explanations = json.loads(capsys.readouterr().out)["explanations"]
    assert explanations and all(e["subject"] == "l-hq" for e in explanations)


@pytest.mark.parametrize("option, words", [("--seed", "must be below 2^63 in size, got a number of 5,000 digits"),
                                           ("--count", "must be from 1 to 200, got a number of 5,000 digits")])
def test_a_number_too_long_for_python_is_called_too_large_not_not_a_number(capsys, option, words):
    with pytest.raises(SystemExit) as exc:
        main(["exercises", option, "9" * 5000])
    assert exc.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"advisor exercises: error: argument {option}: {words}"


def test_exercises_names_a_file_in_the_way_of_the_folder(tmp_path, capsys):
    (tmp_path / "notes").write_text("x")
    assert main(["exercises", "-o", str(tmp_path / "notes" / "sheet.pdf")]) == 2
    assert capsys.readouterr().err == (f"advisor: error: -o: {tmp_path / 'notes'} is a file, not a folder; give a "
                                       "file name in a folder\n")


def test_exercises_says_what_it_wrote_on_one_line(tmp_path, capsys):
    target = tmp_path / "a\nb.pdf"
    assert main(["exercises", "--count", "1", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert capsys.readouterr().err.startswith(f"wrote {tmp_path}/a?b.pdf (")


@pytest.mark.parametrize("option", ["--csv", "--xlsx"])
def test_check_tables_name_the_part_of_the_path_that_is_wrong(tmp_path, capsys, option):
    design = tmp_path / "d.json"
    design.write_text(json.dumps({"sites": [{"id": "a"}]}))
    (tmp_path / "notes").write_text("x")
    assert main(["check", str(design), option, str(tmp_path / "notes" / "t.out")]) == 2
    assert capsys.readouterr().err == (f"advisor: error: cannot write {tmp_path / 'notes'}/t.out: "
                                       f"{tmp_path / 'notes'} is a file, not a folder; choose a file name in a folder\n")
    assert main(["check", str(design), option, str(tmp_path / "gone" / "t.out")]) == 2
    assert capsys.readouterr().err == (f"advisor: error: cannot write {tmp_path / 'gone'}/t.out: the folder "
                                       f"{tmp_path / 'gone'} does not exist; choose a file name in an existing "
                                       "folder\n")


@pytest.mark.parametrize("extra, fix", [([], "add --csv OUT"), (["--json"], "add --csv OUT"),
                                        (["--xlsx", "OUT.xlsx"], "--xlsx writes every table")])
def test_check_table_without_csv_is_refused_not_ignored(tmp_path, capsys, monkeypatch, extra, fix):
    # `check F --table sites` printed the text report; with --xlsx the workbook, as if --table were not there.
    monkeypatch.chdir(tmp_path)
    design = tmp_path / "d.json"
    design.write_text(json.dumps({"sites": [{"id": "a"}]}))
    assert main(["check", str(design), "--table", "sites", *extra]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == f"advisor: error: --table sites: goes with --csv (one table as CSV); {fix}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json"]


EXAMPLE = "resources/examples/hq-12-branches-mpls.json"


@pytest.mark.parametrize("options", [[], ["--link", "l-br01"], ["--finding", "BW-LINK-OVERLOAD"]])
def test_explain_json_written_piece_by_piece_is_the_json_of_the_whole_list(capsysbinary, monkeypatch, options):
    from advisor import io
    from advisor.cli import explain_cmd
    from advisor.explain import Context, explain_design

    design = io.load(EXAMPLE)
    kw = {options[0][2:]: options[1]} if options else {}
    whole = [e.to_json() for e in explain_design(Context(design, analyse(design)), **kw)]

    def whole_list_encoded(obj):
        raise AssertionError("the whole list was encoded at once by json.dumps")
    monkeypatch.setattr(explain_cmd, "print_json", whole_list_encoded)  # only where stdout is not UTF-8
    assert main(["explain", EXAMPLE, *options, "--json"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert json.loads(out) == {"design": design.name, "explanations": whole}
    # laid out as json.dumps lays it out: indented by 2, UTF-8 as it is
    assert out == json.dumps({"design": design.name, "explanations": whole}, indent=2, ensure_ascii=False) + "\n"


def test_explain_json_writes_each_explanation_as_it_comes(monkeypatch):
    # A 20,000-site design's 330,000 explanations were all built, then encoded as one 330 MB string: 4 GB, 34 s.
    from advisor.cli import explain_cmd
    from advisor.explain import Explanation, Quantity

    class Stream(text_io.TextIOWrapper):
        pass

    raw = text_io.BytesIO()
    stream = Stream(raw, encoding="utf-8")
    written_when_asked = []

    def explanations():
        for i in range(3):
            written_when_asked.append(len(raw.getvalue()))
            yield Explanation(f"t{i}", ("a = 1",), Quantity(1.0, "kbps", "1 kbps"), {}, (), (), f"s{i}", "kbps")

    monkeypatch.setattr(explain_cmd, "_BATCH", 1)
    explain_cmd.write_json("D", explanations(), stream)
    assert written_when_asked[0] < written_when_asked[1] < written_when_asked[2]  # not all at the end
    assert [e["subject"] for e in json.loads(raw.getvalue())["explanations"]] == ["s0", "s1", "s2"]
