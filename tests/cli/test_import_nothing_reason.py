"""When every row of a site list is skipped, the one-line error says why the first was:

- `advisor import sites.csv` with rows 'A,abc' and 'B,-5' under 'Site,Users' ended with "nothing imported: all 2
  rows below the header were skipped" on standard error and no reason there; the reasons were only on standard
  output, which a script that keeps the error line (or a full terminal) loses."""

from __future__ import annotations

from tests.cli.inprocess import run


def test_every_row_skipped_names_the_first_rows_reason_and_counts_the_others(tmp_path, capsys):
    source = tmp_path / "sites.csv"
    source.write_text("Site,Users\nA,abc\nB,-5\nC,x\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", source, "-o", tmp_path / "d.json")
    assert code == 2
    line = err.strip().splitlines()[-1]
    assert "all 3 rows below the header were skipped" in line
    # row 2 comes first; the other rows give two other reasons ('-5' below 0, 'x' not a whole number)
    assert "(row 2, Users (B): 'abc' is not a whole number; and 2 more reasons)" in line
    assert not (tmp_path / "d.json").exists()


def test_the_one_row_skipped_gives_its_reason_alone(tmp_path, capsys):
    source = tmp_path / "sites.csv"
    source.write_text("Site,Users\nLyon,-5\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", source, "-o", tmp_path / "d.json")
    assert code == 2
    assert err.strip().splitlines()[-1].endswith("the one row below the header was skipped (row 2, Users (B): "
                                                 "'-5' is below 0)")


def test_no_rows_at_all_has_no_reason_to_give(tmp_path, capsys):
    source = tmp_path / "sites.csv"
    source.write_text("Site,Users\n\n\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", source, "-o", tmp_path / "d.json")
    assert code == 2
    assert err.strip().splitlines()[-1].endswith("nothing imported: no rows below the header (row 1)")
