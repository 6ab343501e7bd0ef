"""Write the import fixtures of this folder: the XLSX workbooks, and the CSVs whose bytes matter (a byte-order
mark, Windows-1252). Run it from anywhere: `python tests/data/import/make_fixtures.py`.

openpyxl writes a formula without the value Excel would save with it (it cannot calculate). For the formulas
that must read as saved values, this script writes the value into the sheet's XML itself (`<v>` after `<f>`), as
Excel does; the formula left without one (Houston's phones) is the case the import must refuse.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
FIXED_TIME = datetime.datetime(2026, 3, 1, 12, 0, 0)

# The sheet 'Sites' of sites.xlsx, row by row from row 4 (the header); None = an empty cell.
SITES_HEADER = ["Site", "Site ID", "Type", "Users", "IP Phones", "Bandwidth (Mbps)", "WAN Type", "RTT (ms)",
                "Router", "NAT"]
SITES_ROWS = [
    ["Dallas HQ", "DAL", "HQ", 900, "=D5", 100, "MPLS", 12, "ISR4451", False],  # row 5
    ["Austin", "AUS", "Branch", 45, None, 10, "Internet", "=8*5", "ISR4331", True],  # row 6
    [None] * 10,  # row 7: blank
    ["Houston", "HOU", "Branch", 60, "=D8+5", 20, "MPLS", 30, "ISR4321", None],  # row 8: formula, no saved value
    ["El Paso", "ELP", "Store", 18, 18, 1.544, "T1", 22, None, None],  # row 9
    ["Denver", "DEN", "Data centre", 200, None, 1000, "Metro Ethernet", 5, "C8500", "N"],  # row 10
    ["Error row", "ERR", "Branch", "#DIV/0!", None, 2, "MPLS", 30, None, None],  # row 11: an error value
    ["Phoenix", "PHX", "Branch", 30, None, "50/10", "Cable", None, "ISR1111", None],  # row 12
    ["Total", None, None, "=SUM(D5:D12)", None, None, None, None, None, None],  # row 13
]
# Formulas given the value Excel would have saved: cell -> value.
SAVED_VALUES = {"E5": "900", "H6": "40", "D13": "1253"}


def _workbook() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = FIXED_TIME
    cover = wb.active
    cover.title = "Cover"
    cover["A1"] = "Fabrikam site list"
    cover["A3"] = "See the sheet 'Sites'. Figures as of March 2026."
    ws = wb.create_sheet("Sites")
    ws["A1"] = "Fabrikam Inc. — WAN sites"
    ws.merge_cells("A1:J1")
    ws["A2"] = "Prepared by the customer's IT team"
    for col, header in enumerate(SITES_HEADER, 1):
        ws.cell(row=4, column=col, value=header)
    for r, values in enumerate(SITES_ROWS, 5):
        for col, value in enumerate(values, 1):
            if value is not None:
                ws.cell(row=r, column=col, value=value)
    old = wb.create_sheet("Sites 2019")
    old.append(["Site Name", "Users", "WAN BW"])
    old.append(["Old Dallas", 700, "10M"])
    old.append(["Old Austin", 30, "512k"])
    return wb


def _with_saved_values(data: bytes, sheet_part: str, values: dict[str, str]) -> bytes:
    """The workbook's bytes with `<v>value</v>` written after the formula of each cell in `values`."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == sheet_part:
                xml = part.decode("utf-8")
                for ref, value in values.items():
                    xml, n = re.subn(rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>', rf"\g<1><v>{value}</v>", xml)
                    assert n == 1, f"formula cell {ref} not found"
                part = xml.encode("utf-8")
            info.date_time = FIXED_TIME.timetuple()[:6]
            dst.writestr(info, part)
    return out.getvalue()


def write_xlsx(folder: Path = HERE) -> Path:
    buffer = io.BytesIO()
    _workbook().save(buffer)
    path = folder / "sites.xlsx"
    path.write_bytes(_with_saved_values(buffer.getvalue(), "xl/worksheets/sheet2.xml", SAVED_VALUES))
    return path


BOM_SEMICOLON = """\
Branch;Staff;Handsets;Speed;Access type;RTT (ms);CPE;SRST;Local PSTN
Wien;85;90;10;Internet;35;ISR4331;Y;yes
Mödling;12;;1,5;ADSL;;ISR1111;x;
Linz;40;;2.048;MPLS;28;;;no
Sankt Pölten;bad;;4;MPLS;;;;
Innsbruck;20;;100/20 Mbps;Broadband;;ISR4321;SIP SRST;x
"""

CP1252_TABS = """\
Site\tUsers\tBW (kbps)\tTransport\tLatency
Köln\t30\t1024\tMPLS\t25
Besançon\t18\t768\tMPLS\t
Málaga\t9\t2 Mbps\tDIA\t41
"""


def write_csvs(folder: Path = HERE) -> list[Path]:
    bom = folder / "bom_semicolon.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + BOM_SEMICOLON.replace("\n", "\r\n").encode("utf-8"))
    tabs = folder / "cp1252_tabs.csv"
    tabs.write_bytes(CP1252_TABS.encode("cp1252"))
    return [bom, tabs]


if __name__ == "__main__":
    for written in [write_xlsx(), *write_csvs()]:
        print(f"wrote {written}")
