"""Bounds on a design's JSON text taken before it is parsed, and on its lists before their items are validated.

A file of legal size could still make the parser and the validator build millions of objects: 60 MB of short
strings where `sites` belong were validated item by item, each item one problem, and took 95 s and 22 GB before the
refusal. These checks refuse such a file, or send it to the checked path, with a few passes over the text; no valid
design comes near them (the largest, 20,000 sites and 50,000 links, holds about 1.5 million values and 120,000
objects, one every kilobyte or two).
"""

from __future__ import annotations

import re

from advisor.model import MAX_CLOUDS, MAX_LINKS, MAX_SCENARIOS, MAX_SITES

MAX_CONTAINERS = 1_000_000  # JSON objects and lists in one file: the largest design holds about 120,000
MAX_VALUES = 4_000_000  # values in one file (commas between them, outside texts, plus one)
COMPILED_MAX_OBJECTS = 200_000  # objects and lists the compiled parser is handed: more than any design holds
SPARSE_FROM = 256 * 1024  # characters: a design this long has an object at least every few kilobytes
SPARSE_CHARS_PER_OBJECT = 4096
# Fields in one JSON object: a design's largest (a site, its security controls) have a few dozen. Three million
# unknown fields in one object (38 MB) took 13 s and 3.6 GB, a validation problem each, before the refusal.
MAX_FIELDS = 1000
FIELDS_PER_OBJECT = 64  # fields per object on average (colons outside texts per '{'): a design has about 20
LISTS = (("sites", MAX_SITES), ("clouds", MAX_CLOUDS), ("links", MAX_LINKS), ("scenarios", MAX_SCENARIOS))

_TEXT = re.compile(r'"(?:[^"\\]|\\.)*"')  # a JSON string, escapes included
_TEXT_BYTES = re.compile(rb'"(?:[^"\\]|\\.)*"')


def containers_over_limit(text: str | bytes) -> bool:
    """Whether the text (or its UTF-8 bytes) holds more than `MAX_CONTAINERS` objects and lists, counted by their
    opening brackets (only a text longer than the limit is counted at all). Brackets inside texts do not count, so
    a design whose names are full of braces is never refused; the texts are set aside only when the plain count is
    over the limit already (5,000 sites named with 200 '{' each were refused as a million objects)."""
    if len(text) <= MAX_CONTAINERS:
        return False
    plain = isinstance(text, str)
    brackets = ("[", "{") if plain else (b"[", b"{")
    if sum(map(text.count, brackets)) <= MAX_CONTAINERS:
        return False
    bare = (_TEXT if plain else _TEXT_BYTES).sub(brackets[0][:0], text)
    return sum(map(bare.count, brackets)) > MAX_CONTAINERS


def values_over_limit(text: str | bytes) -> int | None:
    """How many values the text (or its UTF-8 bytes) holds when that is more than `MAX_VALUES`, else None. Commas
    inside texts do not count, so a design whose names are full of commas is never refused; the texts are set aside
    only when the plain count is over the limit already (no valid design comes near it)."""
    plain = isinstance(text, str)
    comma = "," if plain else b","
    if len(text) <= MAX_VALUES or text.count(comma) <= MAX_VALUES:
        return None
    separators = (_TEXT if plain else _TEXT_BYTES).sub(comma[:0], text).count(comma)
    return separators + 1 if separators >= MAX_VALUES else None


def compiled_parse_safe(text: str) -> bool:
    """Whether pydantic's compiled parser may validate the text whole. Not for a long text with few objects for its
    length (a list of strings or numbers where sites or links belong), nor with far more fields than its objects
    hold (`crowded_object`), nor for more objects and lists than any design holds: validated item by item, each
    item is one problem, and the problems alone took gigabytes. The checked path refuses those before any item is
    validated (`list_over_limit`)."""
    if len(text) < SPARSE_FROM:
        return True
    objects = text.count("{")
    if objects * SPARSE_CHARS_PER_OBJECT < len(text):
        return False
    if text.count(":") > objects * FIELDS_PER_OBJECT and _TEXT.sub("", text).count(":") > objects * FIELDS_PER_OBJECT:
        return False  # an object of millions of fields among many small ones: each field one problem there too
    return objects + text.count("[") <= COMPILED_MAX_OBJECTS


def list_over_limit(data: dict) -> str | None:
    """The first of the design's lists (sites, clouds, links, scenarios) longer than the model takes, as the
    validation words it ("sites: has too many items (at most 20,000)"), found before its items are validated."""
    for key, limit in LISTS:
        items = data.get(key)
        if isinstance(items, list) and len(items) > limit:
            return f"{key}: has too many items (at most {limit:,})"
    return None


def crowded_object(data: dict) -> tuple[tuple, int] | None:
    """(The path, the field count) of an object of the parsed design holding more than `MAX_FIELDS` fields, found
    before validation (each unknown field would be one problem), else None. Walks every object and list once: a
    design holds at most about 120,000."""
    stack: list[tuple[tuple, object]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            if len(node) > MAX_FIELDS:
                return path, len(node)
            stack.extend((path + (key,), value) for key, value in node.items() if isinstance(value, (dict, list)))
        else:
            stack.extend((path + (i,), value) for i, value in enumerate(node) if isinstance(value, (dict, list)))
    return None
