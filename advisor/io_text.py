"""A design document's text on its way through `advisor.io.parse`: strict decoding of its bytes, the checks
for lone surrogates, the line and column of a position, and the fast path that validates a current-version
document straight from its UTF-8 bytes in pydantic's compiled parser.
"""

from __future__ import annotations

import json
import math
import re
from itertools import compress, repeat
from operator import attrgetter, contains
from typing import Any

from pydantic import BaseModel

from advisor.io_errors import DesignFileError, short
from advisor.json_words import decode_problem, json_problem
from advisor.model import SCHEMA_VERSION, Design
from advisor.validation import clip, format_path, item_name, visible

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


# Lists and objects inside each other past which a design's nesting is said to be too deep, and where (a design
# nests 4 deep: the document, its sites, a site, its traffic; json.loads gives up near Python's recursion limit)
DEEP = 500
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')


def too_deep(text: str) -> str:
    """Where `text` (which json.loads found nested too deeply) first nests more than DEEP lists and objects, in
    a message's words: "the JSON is nested too deeply (more than 500 lists and objects inside each other from line
    3, column 1,012)". A file of 10,000 '[' said only "the JSON is nested too deeply", not where."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        char = match.group()
        if char in ("[", "{"):
            depth += 1
            if depth > DEEP:
                return (f"the JSON is nested too deeply (more than {DEEP} lists and objects inside each other from "
                        f"{_line_col(text, match.start())})")
        elif char in ("]", "}"):
            depth -= 1
    return "the JSON is nested too deeply"


def _line_col(text: str | bytes, index: int) -> str:
    nl = "\n" if isinstance(text, str) else b"\n"
    line = text.count(nl, 0, index) + 1
    return f"line {line:,}, column {index - (text.rfind(nl, 0, index) + 1) + 1:,}"


def _decode(raw: bytes | bytearray, source: str, error: type[Exception] = DesignFileError,
            kind: str = "design") -> str:
    """Strict decoding: UTF-8 (with or without a byte-order mark), or UTF-16/32 when the bytes say so; `error`
    naming `source` and what the file should be (`kind`) otherwise."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") and raw[2:4] != b"\x00\x00" and len(raw) > 3 \
            and b"\x00" not in raw[2:66]:
        # a UTF-16 byte-order mark, then 8-bit text (no NUL between its characters): read as UTF-16, it was quoted
        # as Chinese characters in "an unexpected character '朠'"
        raise error(f"{source}: starts with a UTF-16 byte-order mark ({raw[:2].hex(' ').upper()}) but what follows is "
                    f"8-bit text, not UTF-16; save the {kind} file again as UTF-8")
    encoding = json.detect_encoding(raw)
    if encoding in ("utf-16-be", "utf-16-le") and len(raw) >= 4 and raw[2 if encoding.endswith("be") else 3]:
        encoding = "utf-8"  # a NUL byte first, then text: JSON's second character is ASCII in real UTF-16 too
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        what = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        if raw[:3] == b"\xef\xbb\xbf" and len(exc.object) == len(raw) - 3:
            # the codec counts after the byte-order mark: the message names the byte as the file numbers it
            exc = UnicodeDecodeError(exc.encoding, bytes(raw), exc.start + 3, exc.end + 3, exc.reason)
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
    if not _each_key_once(raw, design):
        return None  # a field named twice in one object, maybe: the checked path finds it and names it
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


# A field name followed by blanks before its colon: the one way a name can end that `_each_key_once` does not count.
_SPACED_KEY = re.compile(rb'"[ \t\r\n]+:')
_NESTED: dict[type, tuple[str, ...]] = {}
_PLAIN_TYPES = (str, int, float, bool, type(None))


def _each_key_once(raw: bytes | bytearray, design: BaseModel) -> bool:
    """Whether no object of the document names a field twice (the compiled parser, like json.loads, keeps the last
    one in silence), told without parsing again: every field name ends with a quote, and with its colon right after
    it when no name has blanks before its colon, so `":` occurs at least once per field name given; the validated
    design knows how many names it was given (each model's fields set, each mapping's keys). Equal counts leave no
    room for a second name; a text holding `\\":` or a name spaced from its colon only sends the document to the
    checked path, which parses it again and looks (`loads_once`)."""
    if _SPACED_KEY.search(raw):
        return False
    return raw.count(b'":') == _names_given(design)


def _names_given(design: BaseModel) -> int:
    """How many field names the document gave the design: the fields set on each model and the keys of each
    mapping, everywhere in it. A list of models of one class (10,000 sites) is counted in C-level passes, and the
    models its items were given (each site's security settings) go on as one such list."""
    count, stack = 0, [design]
    while stack:
        node = stack.pop()
        if isinstance(node, BaseModel):
            given = node.model_fields_set
            count += len(given)
            stack.extend(getattr(node, name) for name in _nested(type(node)) if name in given)
        elif isinstance(node, (list, tuple)):
            kinds = set(map(type, node))
            cls = kinds.pop() if len(kinds) == 1 else None
            if cls is not None and issubclass(cls, BaseModel):
                sets = list(map(_FIELDS_SET, node))
                count += sum(map(len, sets))
                for name in _nested(cls):
                    nested = list(map(attrgetter(name), compress(node, map(contains, sets, repeat(name)))))
                    if nested:
                        stack.append(nested)
            elif cls is None or not issubclass(cls, _PLAIN_TYPES):
                stack.extend(item for item in node if not isinstance(item, _PLAIN_TYPES))
        elif isinstance(node, dict):
            count += len(node)
            stack.extend(node.values())
    return count


_FIELDS_SET = attrgetter("__pydantic_fields_set__")  # what `model_fields_set` reads, without the property call


def _nested(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class that may hold a model, a list or a mapping (the others hold plain values)."""
    names = _NESTED.get(cls)
    if names is None:
        names = _NESTED[cls] = tuple(name for name, field in cls.model_fields.items()
                                     if not _plain(field.annotation))
    return names


def _plain(annotation: Any) -> bool:
    """Whether a field's type holds only plain values (text, numbers, true or false, null, a literal, a day)."""
    import datetime
    import typing

    if annotation in _PLAIN_TYPES or annotation is datetime.date:
        return True
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return True
    if origin is typing.Annotated:
        return _plain(typing.get_args(annotation)[0])
    if origin is typing.Union or type(annotation).__name__ == "UnionType":
        return all(_plain(arg) for arg in typing.get_args(annotation))
    return False


class _Twice(dict):
    """An object of the document that names a field twice; `key` is the first such name (json.loads keeps the
    value given last)."""

    key: str = ""


def loads_once(text: str) -> tuple[Any, str | None]:
    """`json.loads(text)` and, when an object of the document names a field twice, the first such field said with
    its path ("sites[0].users: is given twice …"), else None. Raises what json.loads raises."""
    twice: list[_Twice] = []

    def pairs(items: list[tuple[str, Any]]) -> dict:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        seen: set[str] = set()
        obj = _Twice(obj)
        obj.key = next(key for key, _ in items if key in seen or seen.add(key))
        twice.append(obj)
        return obj

    data = json.loads(text, object_pairs_hook=pairs)
    return data, (_first_twice(data) if twice else None)


def _first_twice(data: Any) -> str | None:
    """The first field (in the document's order) named twice in its object, with its path and item's name."""
    stack: list[tuple[Any, tuple]] = [(data, ())]
    while stack:
        node, loc = stack.pop()
        if isinstance(node, _Twice):
            line = f"{format_path((*loc, node.key), named=True)}: is given twice; keep one of the two"
            name = item_name(data, (*loc, node.key))
            return clip(line + (f" ({name})" if name else ""))
        if isinstance(node, dict):
            stack.extend((value, (*loc, key)) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((value, (*loc, i)) for i, value in reversed(list(enumerate(node))))
    return None
