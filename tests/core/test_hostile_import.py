"""Hostile site lists, round 19: the reading of CSV and XLSX files the earlier rounds did not reach. Each message
is one line naming the file and where, in the user's words, never a Python exception or openpyxl's internals."""

import warnings
from pathlib import Path

import pytest

from advisor.importer import ImportFileError, build_design, preview

CSV_CELL_CHARS = 4 * 32_767  # four times Excel's cell limit: the longest CSV cell read

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
SITES = "Site Name,Users\nZurich,10\nBern,20\n"
INTERNALS = ("Error:", "Exception", "openpyxl", "int()", "<class", "sys.", "field limit", "Traceback")


def _read_error(path) -> str:
    with pytest.raises(ImportFileError) as caught:
        preview(path)
    message = str(caught.value)
    assert "\n" not in message and not any(word in message for word in INTERNALS), message
    return message


@pytest.mark.parametrize("codec, how", [("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path, codec, how):
    """Was refused as 'not a text file (it holds NUL bytes)': UTF-16 text is text."""
    path = tmp_path / "sites.csv"
    path.write_bytes(SITES.encode(codec))
    pre = preview(path)
    assert [r.cells[0] for r in pre.rows] == ["Zurich", "Bern"]
    assert any(how in n.text and "without a byte-order mark" in n.text for n in pre.notes)


def test_a_nul_byte_past_the_first_4_kb_is_refused_with_its_place(tmp_path):
    """A NUL after the first 4,096 bytes went into a site's name; now refused wherever it is."""
    head = b"Site Name,Users\n" + b"A,1\n" * 2000  # 16 + 8,000 bytes
    path = tmp_path / "sites.csv"
    path.write_bytes(head + b"B\x00C,2\n")
    message = _read_error(path)
    # 'B' is the byte numbered len(head) + 1 (counting from 1, as the design reader counts), the NUL one further
    assert f"NUL byte at byte {len(head) + 2:,}" in message


@pytest.mark.parametrize("body", [b"A" * (CSV_CELL_CHARS + 10) + b",5\n",  # a cell far too long
                                  b'"' + b"A,5\n" * 50_000])  # a quote opened and never closed
def test_a_cell_beyond_the_limit_names_its_row(tmp_path, body):
    """Was 'not a readable CSV file: field larger than field limit (131068)', Python's words."""
    path = tmp_path / "sites.csv"
    path.write_bytes(b"Site Name,Users\nFirst,3\n" + body)
    message = _read_error(path)
    assert "row 3 holds a cell of more than 131,068 characters" in message and "never closed" in message


def test_a_nan_in_a_number_cell_names_the_sheet_and_the_row():
    """<v>NaN</v> in a number cell: was '(ValueError: invalid literal for int() with base 10: 'NaN')'."""
    message = _read_error(HOSTILE / "import-number-cell-nan.xlsx")
    assert "sheet 'Sites' cannot be read past row 1" in message and "'NaN'" in message


def test_a_number_of_5000_digits_is_said_so():
    """Was Python's 'Exceeds the limit (4300 digits) … use sys.set_int_max_str_digits()'."""
    message = _read_error(HOSTILE / "import-number-5000-digits.xlsx")
    assert "a number thousands of digits long" in message


def test_a_garbage_dimension_is_one_line():
    """openpyxl's message ran over two lines and named the workbook's internals."""
    message = _read_error(HOSTILE / "import-dimension-garbage.xlsx")
    assert message.endswith("not a readable XLSX workbook: its content does not follow the XLSX format")


def test_encrypted_parts_say_password():
    message = _read_error(HOSTILE / "import-zip-encrypted-flag.xlsx")
    assert "encrypted" in message and "without a password" in message


def test_a_date_out_of_range_is_a_bad_cell_and_warns_nothing():
    """A date serial of 1e308: openpyxl printed a UserWarning naming its own source file on stderr and made the
    cell '#VALUE!', which the import called an error value the workbook never held."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pre = preview(HOSTILE / "import-date-1e308.xlsx")
    assert not caught
    bad = pre.rows[0].cells[0]  # row 2, Site Name: the serial 1e308 in a date-formatted cell
    assert "a date out of range" in bad.reason


def _one_site(tmp_path, text: str):
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    return preview(path)


def test_a_name_over_200_characters_is_refused_not_cut(tmp_path):
    pre = _one_site(tmp_path, SITES)
    with pytest.raises(ImportFileError, match="201 characters, more than the 200"):
        build_design(pre, name="N" * 201)
    assert build_design(pre, name="N \n " * 100).design.name == " ".join(["N"] * 100)  # 199 once spaces are one
    assert build_design(pre, name="N" * 200).design.name == "N" * 200


def test_a_title_over_200_characters_is_cut_and_said(tmp_path):
    pre = _one_site(tmp_path, "T" * 250 + "\n" + SITES)
    assert pre.title == "T" * 200
    assert any("250 characters: cut to its first 200" in n.text for n in pre.notes)


def test_one_skipped_row_is_not_all_1_rows(tmp_path):
    from advisor.importer import NothingImported

    pre = _one_site(tmp_path, "Site Name,Users\nZurich,many\n")
    with pytest.raises(NothingImported) as caught:
        build_design(pre)
    assert str(caught.value).endswith("nothing imported: the one row below the header was skipped (row 2, Users (B): "
                                      "'many' is not a whole number)")


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_negative_count_or_delay_skips_its_row_and_says_below_0(tmp_path, kind):
    """A negative number cell reached the model and ended as an internal error (XLSX); the CSV said '-5' was 'not a
    whole number'."""
    rows = [["Site", "Users", "RTT ms"], ["HQ", 500, 10], ["Bern", -5, 20], ["Genf", 10, -3], ["Luzern", 7, 20]]
    path = tmp_path / f"neg.{kind}"
    if kind == "xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        path.write_text("\n".join(",".join(map(str, row)) for row in rows) + "\n", encoding="utf-8")
    design, messages = build_design(preview(path))
    assert [s.name for s in design.sites] == ["HQ", "Luzern"]
    skipped = [str(m) for m in messages if m.severity == "skipped"]
    assert len(skipped) == 2 and all("is below 0" in m for m in skipped), skipped
    assert any("Users" in m and "-5" in m for m in skipped) and any("RTT" in m and "-3" in m for m in skipped)
