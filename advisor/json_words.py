"""Python's JSON and text-decoding errors in words a user can act on (design files, tables, class files)."""

from __future__ import annotations

import json
import unicodedata

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


# Characters that JSON never takes where a value, a name, a comma or a colon is expected, and that a text editor, a
# word processor or a wrong encoding puts there: said for what they are, since the parser's words ("a field name in
# double quotes is expected here (a comma too many …?)") point elsewhere.
_TYPOGRAPHIC_QUOTES = "“”„‟«»″"
_EXPECTING = ("Expecting value", "Expecting property name enclosed in double quotes", "Expecting ',' delimiter",
              "Expecting ':' delimiter")


def _found(doc: str, pos: int) -> str | None:
    """What stands at `pos` when it is a character the parser's words would not explain, else None."""
    char = doc[pos:pos + 1]
    if not char:
        return None
    code = f"U+{ord(char):04X}"
    if char in _TYPOGRAPHIC_QUOTES or char in "‘’‚‛":
        return (f"a typographic quote ({char}, {code}) where JSON needs a straight double quote (\"): was the file "
                "edited in a word processor?")
    if char == "'":
        return "a single quote ('): JSON writes field names and texts in double quotes (\")"
    if doc.startswith(("//", "/*"), pos) or char == "#":
        return "a comment: JSON has no comments"
    if ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F:
        return (f"a control character ({code}{', a NUL byte' if char == chr(0) else ''}): the file holds binary data "
                "or is not a text file")
    if unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf"):  # a space other than JSON's, or a format mark
        name = unicodedata.name(char, "").lower() or "a format mark"
        return f"an invisible character ({name}, {code}) where only spaces, tabs and line breaks may stand"
    if not char.isascii():
        return f"an unexpected character '{char}' ({code}) where JSON text is expected"
    return None


def json_problem(exc: json.JSONDecodeError) -> str:
    """"not valid JSON at line 3, column 5: a comma is missing between two items"; an empty or cut-off file says so,
    and a character JSON never takes there (a typographic quote, a no-break space, a NUL byte) is named."""
    doc = exc.doc or ""
    if not doc.strip():
        return "the file is empty (not valid JSON: a design file holds one JSON object)"
    if exc.pos >= len(doc.rstrip()) and exc.msg != "Extra data":
        return f"not valid JSON at line {exc.lineno:,}, column {exc.colno:,}: {_AT_END}"
    found = _found(doc, exc.pos) if exc.msg in _EXPECTING else None
    return f"not valid JSON at line {exc.lineno:,}, column {exc.colno:,}: {found or _WORDS.get(exc.msg, exc.msg)}"


def decode_problem(exc: UnicodeDecodeError, what: str = "UTF-8", kind: str = "design") -> str:
    """"not valid UTF-8 text at byte 1: it looks like … not a design saved by this program" (`kind`: what the file
    should be); a JSON text saved in an 8-bit encoding (Notepad's "ANSI": 'Zürich' as the byte FC) is said as such,
    not as "a binary file or another format"."""
    if what == "UTF-8" and (char := _eight_bit(exc)) is not None:
        return (f"not valid UTF-8 text at byte {exc.start + 1:,} (0x{exc.object[exc.start]:02X}, '{char}' in "
                f"Windows-1252): the {kind} file is text saved in another encoding, not UTF-8; save it again as "
                "UTF-8")
    return (f"not valid {what} text at byte {exc.start + 1:,}: it looks like a binary file or another format, not a "
            f"{kind} saved by this program")


_KINDS = {type(None): "null", bool: "true or false", int: "a number", float: "a number", str: "a text",
          list: "a list", dict: "an object"}


def json_kind(value: object) -> str:
    """What a parsed JSON value is, in JSON's words ("null", "a list"), not Python's type names ("NoneType")."""
    return _KINDS.get(type(value), "a value")


def _eight_bit(exc: UnicodeDecodeError) -> str | None:
    """The character the undecodable byte is in Windows-1252 when the file reads as JSON text in it (it opens with
    '{' or '[', and its first 64 kB hold no control character but tabs and line breaks); None otherwise."""
    data = exc.object if isinstance(exc.object, (bytes, bytearray)) else b""
    sample = bytes(data[:65536])
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in Windows-1252
        return None
    body = text[3:] if sample.startswith(b"\xef\xbb\xbf") else text  # a UTF-8 byte-order mark, then 8-bit text
    if not body.lstrip(" \t\r\n").startswith(("{", "[")) or exc.start >= len(sample):
        return None
    if any(ord(c) < 0x20 and c not in "\t\r\n" for c in text):
        return None
    return text[exc.start] if text[exc.start].isprintable() else None
