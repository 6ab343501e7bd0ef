"""Writes the hostile site lists and export inputs of this folder: `python tests/data/hostile/import/make_import_hostile.py`.

Round 54 aimed at `advisor import` and every command that writes a file. `cases()` are the small reproducers
committed here, each with the words its refusal names (None: read, and what it must give is in the tests);
`make_large(folder)` writes the inputs too large to commit (a zip bomb, a 100 MB line, 1,000 sheets, 10 MB of shared
strings …) for `survey.py`, which runs every input and output class through the command line.
tests/core/test_hostile_round54_import.py checks that the committed files are what this script writes.
"""

from __future__ import annotations

import importlib.util
import io
import json
import struct
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _make_hostile():
    """The corpus script one folder up: its minimal workbook (`xlsx`) and its small design (`base`)."""
    spec = importlib.util.spec_from_file_location("make_hostile", HERE.parent / "make_hostile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ROWS = b'<row r="2"><c r="A2" t="inlineStr"><is><t>Bern</t></is></c><c r="B2"><v>20</v></c></row>'


def workbook() -> bytes:
    """A valid two-row site list (the same bytes every time)."""
    return _make_hostile().xlsx(ROWS)


def directory_before_start() -> bytes:
    """The end record places the central directory 2 GB past where it is: zipfile then seeks before the file's
    start (ValueError: negative seek value), which ended in an 'unexpected internal error'."""
    data = bytearray(workbook())
    end = data.rfind(b"PK\x05\x06")
    data[end + 16:end + 20] = struct.pack("<I", 0x7FFF_FFFF)
    return bytes(data)


def zip_version_25() -> bytes:
    """A directory entry asking for zip version 25.5 to extract it: zipfile raises NotImplementedError as it opens
    the archive, which ended in an 'unexpected internal error'."""
    data = bytearray(workbook())
    entry = data.find(b"PK\x01\x02")
    data[entry + 6:entry + 8] = struct.pack("<H", 255)
    return bytes(data)


def unclosed_quote() -> bytes:
    """Row 6 opens a quote no quote closes: the five rows below it were read into its Notes cell and the import
    said "Imported 5 sites …; 0 rows skipped" (exit 0)."""
    rows = ["Site Name,Users,Notes"] + [f"Site {i},{i + 1},note {i}" for i in range(10)]
    rows[5] = 'Site 4,5,"a note never closed'
    return ("\n".join(rows) + "\n").encode("utf-8")


# Site names an export wrote at the start of a CSV cell as they are, which a spreadsheet may run as formulas.
FORMULA_NAMES = [" =HYPERLINK(\"http://example.com/x\")", "\uff1dHYPERLINK(\"http://example.com/x\")",
                 "\uff0bSUM(1+1)", "\uff0d2+3", "\uff20SUM(A1)", "\t=1+1"]


def formula_names() -> bytes:
    """A design whose sites are named like formulas a CSV export must not pass on as they are."""
    design = _make_hostile().base()
    hq, branch = design["sites"]
    design["sites"] = [hq] + [{**branch, "id": f"b{i}", "name": name} for i, name in enumerate(FORMULA_NAMES)]
    design["links"] = design["links"][:1] + [{**design["links"][1], "id": f"l-b{i}", "a": f"b{i}"}
                                             for i in range(len(FORMULA_NAMES))]
    return json.dumps(design, indent=1, ensure_ascii=False).encode("utf-8")


def cases() -> dict[str, tuple[bytes, str | None]]:
    """File name -> (content, the words its refusal names, or None when it is read)."""
    return {
        "zip-directory-before-start.xlsx": (directory_before_start(), "not a readable XLSX workbook: a damaged zip "
                                            "directory (it places a part before the start of the file)"),
        "zip-version-25.xlsx": (zip_version_25(), "a zip file of a kind XLSX workbooks are not"),
        "unclosed-quote.csv": (unclosed_quote(), "row 6 opens a quoted cell (\") that no quote closes, so the 5 "
                               "lines after it would be read into that one cell; close the quote or remove it"),
        "formula-names.json": (formula_names(), None),
    }


def make_large(folder: Path) -> dict[str, Path]:
    """Inputs too large to commit, written into `folder`: name -> path."""
    import datetime

    import openpyxl

    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}

    def book(rows, title="Sites"):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = title
        ws.append(["Site Name", "Users", "Bandwidth", "Transport"])
        for row in rows:
            ws.append(row)
        return wb

    def save(wb, name):
        wb.save(folder / name)
        out[name] = folder / name

    sheet = b"xl/worksheets/sheet1.xml"
    base = workbook()
    # a zip bomb: 2 GB of spaces inside the sheet's rows, 2 MB packed
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == sheet.decode():
                head, tail = data.split(b"<sheetData>")
                big = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                big.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(big, "w", force_zip64=True) as fh:
                    fh.write(head + b"<sheetData>")
                    for _ in range(128):
                        fh.write(b" " * (1 << 24))
                    fh.write(tail)
            else:
                dst.writestr(info, data)
    (folder / "bomb.xlsx").write_bytes(packed.getvalue())
    out["bomb.xlsx"] = folder / "bomb.xlsx"
    (folder / "dimension-xfd.xlsx").write_bytes(base.replace(b'<dimension ref="A1:B2"/>',
                                                             b'<dimension ref="A1:XFD1048576"/>'))
    out["dimension-xfd.xlsx"] = folder / "dimension-xfd.xlsx"
    save(book([["A", "=1+1", "2 Mbps", "MPLS"], ["B", 20, "=A1", "Internet"]]), "formulas-no-value.xlsx")
    save(book([["A", datetime.datetime(2024, 1, 2), "2 Mbps", "MPLS"],
               ["B", datetime.time(10, 30), datetime.date(2020, 1, 1), "Internet"]]), "dates.xlsx")
    save(book([["A", True, False, True], ["B", 20, True, "Internet"]]), "booleans.xlsx")
    save(book([["A", "#DIV/0!", "#REF!", "MPLS"], ["B", 20, "#N/A", "Internet"]]), "error-texts.xlsx")
    wb = book([["A", 10, "2 Mbps", "MPLS"]])
    wb.active.insert_rows(1)
    wb.active["A1"] = "Site"
    wb.active.merge_cells("A1:B1")
    save(wb, "merged-header.xlsx")
    (folder / "hidden-only.xlsx").write_bytes(base.replace(b'<sheet name="Sites"', b'<sheet state="hidden" '
                                                                                   b'name="Sites"'))
    out["hidden-only.xlsx"] = folder / "hidden-only.xlsx"
    (folder / "encrypted.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096)
    (folder / "csv-named.xlsx").write_bytes(b"Site Name,Users\nA,10\n")
    (folder / "pdf-named.xlsx").write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    (folder / "macro.xlsm").write_bytes(base)
    for name in ("encrypted.xlsx", "csv-named.xlsx", "pdf-named.xlsx", "macro.xlsm"):
        out[name] = folder / name
    wb = book([])
    for i in range(1000):
        wb.create_sheet(f"S{i}")
    save(wb, "sheets-1000.xlsx")
    save(book([[f"Site {i} " + "x" * 1000, i + 1, "2 Mbps", "MPLS"] for i in range(10_000)]), "shared-10mb.xlsx")
    for name, content in cases().items():
        (folder / name).write_bytes(content[0])
        out[name] = folder / name
    texts = {
        "nul.csv": b"Site Name,Users\nAl\x00pha,10\n",
        "mixed-line-ends.csv": b"Site Name,Users\r\nA,10\rB,20\nC,5\r\n",
        "utf16-no-bom.csv": "Site Name,Users\nA,10\nB,20\n".encode("utf-16-le"),
        "header-repeated.csv": b"Site Name,Users\nA,10\nSite Name,Users\nB,20\n",
        "formulas.csv": b"Site Name,Users,Router\n=cmd|' /C calc'!A0,10,=HYPERLINK(\"http://x\")\n+SUM(1),20,@A1\n",
        "columns-100k.csv": ("Site Name,Users," + ",".join(f"C{i}" for i in range(100_000)) + "\nA,10\n").encode(),
    }
    for name, content in texts.items():
        (folder / name).write_bytes(content)
        out[name] = folder / name
    with open(folder / "line-100mb.csv", "wb") as fh:
        fh.write(b"Site Name,Users\n" + b"A" * (100 << 20) + b"\n")
    with open(folder / "line-60mb.csv", "wb") as fh:
        fh.write(b"Site Name,Users\n" + b"A" * (60 << 20) + b"\n")
    out["line-100mb.csv"], out["line-60mb.csv"] = folder / "line-100mb.csv", folder / "line-60mb.csv"
    return out


def main() -> int:
    for name, (content, _) in cases().items():
        (HERE / name).write_bytes(content)
        print(f"wrote {name} ({len(content):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
