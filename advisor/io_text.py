"""A design document's text on its way through `advisor.io.parse`: strict decoding of its bytes, the checks
for lone surrogates, the line and column of a position, and the fast path that validates a current-version
document straight from its UTF-8 bytes in pydantic's compiled parser.
"""

from __future__ import annotations

import json
import math
import re

from advisor.io_errors import DesignFileError, short
from advisor.json_words import decode_problem, json_problem
from advisor.model import SCHEMA_VERSION, Design
from advisor.validation import visible

# A lone surrogate can only come from a \uD800–\uDFFF escape once the bytes were decoded strictly (or from a str
# handed to parse): finding neither skips the walk over every string of the document.
_SURROGATE_HINT = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_VERSION_KEY = re.compile(rb'schema_version"\s*:\s*' + str(SCHEMA_VERSION).encode() + rb"\s*[,}]")


MAX_INT_DIGITS = 4300  # Python's own limit for turning digits into an integer
_LONG_DIGITS = re.compile(r"\d{" + str(MAX_INT_DIGITS + 1) + ",}")


def load_problem(text: str, exc: BaseException) -> str:
    """Why `json.loads(text)` raised `exc` (a ValueError, RecursionError or MemoryError), in a message's words;
    the caller names the file. Design files and class files say it alike."""
    if isinstance(exc, json.JSONDecodeError):
        return json_problem(exc)
    if isinstance(exc, RecursionError):
        return "the JSON is nested too deeply"
    if isinstance(exc, MemoryError):
        return "too large to read into memory"
    long = _LONG_DIGITS.search(text)  # a whole number beyond Python's digit limit: nothing else raises ValueError
    if long is None:
        return f"cannot be read as JSON: {short(str(exc))}"
    return f"a number at {_line_col(text, long.start())} has more than {MAX_INT_DIGITS:,} digits"


def _line_col(text: str | bytes, index: int) -> str:
    nl = "\n" if isinstance(text, str) else b"\n"
    line = text.count(nl, 0, index) + 1
    return f"line {line}, column {index - (text.rfind(nl, 0, index) + 1) + 1}"


def _decode(raw: bytes | bytearray, source: str, error: type[Exception] = DesignFileError,
            kind: str = "design") -> str:
    """Strict decoding: UTF-8 (with or without a byte-order mark), or UTF-16/32 when the bytes say so; `error`
    naming `source` and what the file should be (`kind`) otherwise."""
    encoding = json.detect_encoding(raw)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        what = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        raise error(f"{source}: {decode_problem(exc, what, kind)}") from None


def bad_text(data: object, finite: bool = False) -> str | None:
    """The first string (value or field name) that is not valid Unicode text, and with `finite` the first number
    that is not finite (NaN, Infinity, 1e999), said with its path; None when there is none."""
    stack: list[tuple[object, str]] = [(data, "")]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                where = f"{path}.{key}" if path else str(key)
                if not _encodable(key):
                    return f"{visible(path) or 'the top level'}: a field name holds a lone surrogate ({short(key)})"
                stack.append((value, where))
        elif isinstance(node, list):
            stack.extend((value, f"{path}[{i}]") for i, value in enumerate(node))
        elif isinstance(node, str) and not _encodable(node):
            return (f"{visible(path) or 'the document'}: holds a lone surrogate ({short(node)}), which is not valid "
                    "Unicode text")
        elif finite and isinstance(node, float) and not math.isfinite(node):
            return f"{visible(path) or 'the document'}: must be a finite number, not {json.dumps(node)}"
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _fast(text: str, raw: bytes | bytearray | None) -> Design | None:
    """The design validated from the UTF-8 bytes by pydantic's compiled JSON parser, or None when the checked
    path must decide: a \\u escape that may be a lone surrogate, an older (or unstated) schema version, or any
    error at all (a number beyond the digit limit, a lone surrogate, invalid JSON or an invalid design are all
    errors there too, and the checked path words them).

    Same designs as `advisor.io._checked`: what validates here is a current-version object of known fields only
    (every model forbids extra fields), so the one key that reads `schema_version` is the version, and it is the
    number itself (`true` or `1.0` would pass validation as 1 here but not the version check of
    `advisor.io_migrate.migrate`).
    """
    if raw is None:
        if not text.isascii():
            try:
                raw = text.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate in a str handed to parse
                return None
        else:
            raw = text.encode("ascii")
    # valid UTF-8 holds no surrogate but as an escape; most designs hold no backslash at all (a one-byte search)
    if b"\\" in raw and b"\\u" in raw and _SURROGATE_ESCAPE.search(raw):
        return None
    try:
        design = Design.model_validate_json(raw)
    except Exception:  # noqa: BLE001 - whatever fails here, the checked path names it
        return None
    if "schema_version" not in design.model_fields_set:
        return None  # version 0: migrated on the checked path
    if not _versions_plain(raw):
        return None  # written other than as the plain number, or the words appear in a text
    return design


def _versions_plain(raw: bytes | bytearray) -> bool:
    """Whether every occurrence of `schema_version` in the bytes is the key written with the current version as a
    plain number: the pattern tried where each occurrence starts (a match starts with the words and holds them
    once), not by a regex scan of the whole file (~10 ms at 10,000 sites)."""
    at = raw.find(b"schema_version")
    while at >= 0:
        if _VERSION_KEY.match(raw, at) is None:
            return False
        at = raw.find(b"schema_version", at + 1)
    return True
