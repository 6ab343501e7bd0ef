"""Why a workbook cannot be read, in words for the user: what openpyxl, the XML parser and zipfile raise on a
damaged or foreign workbook (a KeyError, a TypeError naming openpyxl's classes, a ParseError, a message over two
lines) said as what is wrong with the file, never as the Python exception."""

from __future__ import annotations

import re
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

_PART = re.compile(r"named '([^']{1,120})'")
_QUOTED = re.compile(r"'([^'\n]{1,40})'")


def reason(exc: BaseException, in_sheet: bool = False) -> str:
    """One line saying what is wrong with the workbook `exc` was raised on, while opening it or (`in_sheet`) while
    reading a sheet's rows."""
    text = " ".join(str(exc).split())
    if isinstance(exc, ParseError):  # expat's own words ("not well-formed (invalid token): line 1, column 288")
        return f"damaged XML ({text[:160]})"
    if isinstance(exc, KeyError):
        part = _PART.search(text)
        return f"its part {part.group(1)} is missing" if part else "a part it needs is missing"
    if isinstance(exc, RuntimeError) and "encrypted" in text:
        return "its parts are encrypted (a password-protected workbook); save it without a password"
    if isinstance(exc, NotImplementedError):
        return "its parts are compressed in a way XLSX workbooks do not use"
    if isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError)):
        return "a damaged zip entry"
    if isinstance(exc, ValueError) and "seek" in text:  # a damaged directory places a part before the file starts
        return "a damaged zip directory (it places a part before the start of the file)"
    if isinstance(exc, IndexError):  # a LookupError too: it read as a text encoding that does not exist
        return "a cell refers to a shared text the workbook does not hold"
    if isinstance(exc, LookupError):
        return "an XML part names a text encoding that does not exist"
    if isinstance(exc, UnicodeError):
        return "an XML part is not valid text"
    if isinstance(exc, ValueError) and "digits" in text:
        return "a number thousands of digits long"
    if isinstance(exc, ValueError) and in_sheet:
        value = _QUOTED.search(text)
        return f"a damaged cell value or reference ('{value.group(1)}')" if value else "a damaged cell"
    if isinstance(exc, MemoryError):
        return "it needs more memory than the machine has"
    return "its content does not follow the XLSX format"
