"""Opening a workbook with openpyxl (read-only) so that it reads no more than the import needs.

openpyxl's read-only opening looks through every sheet for its stated size (its dimension element) and, in a sheet
that states none, parses the whole sheet to find out: a workbook of three sheets of 20,000 rows was read whole
three times, twice, before its first cell. Here a sheet is opened up to its stated size, its first row or where
its rows start, whichever comes first; without a stated size its rows are read each as wide as it is (`reading`
cuts them). Only the sheets' first rows and the sheet imported are read after that. Imported only when a
workbook is read: openpyxl takes a while to load.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import DIMENSION_TAG
from openpyxl.worksheet.dimensions import SheetDimension
from openpyxl.xml.functions import iterparse

_STOPS = ("dimension", "sheetData", "row")  # local names: a sheet is opened no further than the first of these


class HeldBack(Exception):
    """openpyxl went to read a part held back (over the limits as a whole) as something other than a worksheet:
    `part` names it."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


class _Archive(zipfile.ZipFile):
    """A zip archive that refuses to open the parts held back."""

    held: Mapping[str, object] = {}

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):
        part = name.filename if isinstance(name, zipfile.ZipInfo) else name
        if part in self.held:
            raise HeldBack(part)
        return super().open(name, mode, pwd, force_zip64=force_zip64)


def _reader(data: bytes, held: Mapping[str, object], reader_class=ExcelReader, **options):
    """An openpyxl reader of the workbook (read-only) whose archive refuses the parts held back."""
    reader = reader_class(io.BytesIO(data), read_only=True, **options)
    reader.archive.close()
    reader.archive = _Archive(io.BytesIO(data))
    reader.archive.held = held
    reader.valid_files = reader.archive.namelist()
    return reader


def sheet_parts(data: bytes, held: Mapping[str, object]) -> list[str]:
    """The part each worksheet is read from, as openpyxl finds them (several sheets may name one part), before it
    opens any."""
    reader = _reader(data, held, keep_links=False)
    try:
        reader.read_manifest()
        reader.read_workbook()
        return [rel.target for _, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files and "chartsheet" not in rel.Type]
    finally:
        reader.archive.close()


def load(data: bytes, data_only: bool, held: Mapping[str, object]):
    """openpyxl's `load_workbook(read_only=True)`, each worksheet opened as `_Sheet` (not read through for its
    size), no worksheet's relationships read (a read-only sheet makes no use of them), and a part held back read
    only as a worksheet: as anything else (a workbook, shared texts, a chart sheet …) it raises HeldBack."""
    reader = _reader(data, held, _Reader, data_only=data_only)
    try:
        reader.read()
    except BaseException:
        reader.archive.close()
        raise
    return reader.wb


class _Sheet(ReadOnlyWorksheet):
    def _get_source(self):
        """The sheet's part, held back or not: what is read of it is held to the limits (`reading`)."""
        return zipfile.ZipFile.open(self.parent._archive, self._worksheet_path)

    def _get_size(self) -> None:
        """The stated size, read as openpyxl reads it, but no further than the sheet's first row, its stated size
        or the start of its rows."""
        with self._get_source() as src:
            for _event, element in iterparse(src, events=("start",)):
                if element.tag == DIMENSION_TAG:
                    dimensions = SheetDimension.from_tree(element).boundaries
                    if dimensions is not None:
                        self._min_column, self._min_row, self._max_column, self._max_row = dimensions
                    return
                if element.tag.rpartition("}")[2] in _STOPS:
                    return


class _Reader(ExcelReader):
    def read_worksheets(self) -> None:
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            ws = _Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
            ws.sheet_state = sheet.state
            self.wb._sheets.append(ws)
