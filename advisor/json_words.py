"""Python's JSON and text-decoding errors in words a user can act on (design files, tables, class files)."""

from __future__ import annotations

import json

_AT_END = "the file ends too early (was it cut off while being copied or saved?)"
_WORDS = {
    "Expecting value": "a value is missing here",
    "Expecting property name enclosed in double quotes": "a field name in double quotes is expected here (a comma "
                                                         "too many before a closing brace?)",
    "Expecting ',' delimiter": "a comma is missing between two items",
    "Expecting ':' delimiter": "a colon is missing after a field name",
    "Extra data": "there is more text after the end of the design",
    "Unterminated string starting at": "a text value is not closed with a double quote",
    "Invalid control character at": "a control character (such as a tab or line break) inside a text value",
    "Invalid \\escape": "an invalid backslash escape inside a text value",
    "Invalid \\uXXXX escape": "an invalid \\u escape inside a text value",
    "Unexpected UTF-8 BOM (decode using utf-8-sig)": "a second byte-order mark (U+FEFF) where the JSON should start",
}


def json_problem(exc: json.JSONDecodeError) -> str:
    """"not valid JSON at line 3, column 5: a comma is missing between two items"; an empty or cut-off file says so."""
    doc = exc.doc or ""
    if not doc.strip():
        return "the file is empty (not valid JSON: a design file holds one JSON object)"
    if exc.pos >= len(doc.rstrip()) and exc.msg != "Extra data":
        return f"not valid JSON at line {exc.lineno}, column {exc.colno}: {_AT_END}"
    return f"not valid JSON at line {exc.lineno}, column {exc.colno}: {_WORDS.get(exc.msg, exc.msg)}"


def decode_problem(exc: UnicodeDecodeError, what: str = "UTF-8", kind: str = "design") -> str:
    """"not valid UTF-8 text at byte 1: it looks like … not a design saved by this program" (`kind`: what the file
    should be)."""
    return (f"not valid {what} text at byte {exc.start + 1}: it looks like a binary file or another format, not a "
            f"{kind} saved by this program")


_KINDS = {type(None): "null", bool: "true or false", int: "a number", float: "a number", str: "a text",
          list: "a list", dict: "an object"}


def json_kind(value: object) -> str:
    """What a parsed JSON value is, in JSON's words ("null", "a list"), not Python's type names ("NoneType")."""
    return _KINDS.get(type(value), "a value")
