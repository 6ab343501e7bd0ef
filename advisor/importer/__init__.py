"""Importing a customer's site list (CSV or XLSX) as a design.

Three steps, each usable on its own (the command line runs them in a row; the app's import dialog shows the
preview and lets the user edit the mapping before building):

    pre = preview("sites.xlsx")                      # sheets, header row found, columns with their guessed field
    mapping = pre.mapping.assign(3, "users")         # or apply_map(pre.mapping, pre.columns, ["Headcount=users"])
    design, messages = build_design(pre, mapping, hub="Zürich")

Each message names its rows (as the spreadsheet numbers them) and its column; docs/import.md lists what is read
and every default.
"""

from advisor.importer.build import Imported, build_design
from advisor.importer.fields import FIELD_IDS, FIELDS, Field
from advisor.importer.headers import Column, Mapping, MappingError, apply_map
from advisor.importer.messages import ImportFileError, Message, NothingImported, grouped, rows_text
from advisor.importer.preview import DataRow, Preview, SheetInfo, preview

__all__ = ["FIELDS", "FIELD_IDS", "Column", "DataRow", "Field", "ImportFileError", "Imported", "Mapping",
           "MappingError", "Message", "NothingImported", "Preview", "SheetInfo", "apply_map", "build_design",
           "grouped", "preview", "rows_text"]
