"""Turn pydantic validation errors into messages users can act on: `sites[3].users: must be ≥ 0`."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError

from advisor.numbers import mid_sentence, typed

_PLAIN = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "int_type": "must be a whole number",
    "int_parsing_size": "must be a whole number of a sensible size",
    "string_too_short": "must not be empty",
    "date_type": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "none_required": "must be empty",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "model_type": "must be an object",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "finite_number": "must be a finite number",
    "string_unicode": "must be valid Unicode text",
    "string_sub_type": "must be text",
    "recursion_loop": "is nested too deeply",
    "too_short": "has too few items",
    "invalid_key": "field names must be text",
    "model_attributes_type": "must be an object",
    "date_from_datetime_inexact": "must be a date written YYYY-MM-DD",
    "date_future": "must be a date written YYYY-MM-DD",
    "date_past": "must be a date written YYYY-MM-DD",
    "iterable_type": "must be a list",
    "mapping_type": "must be an object",
    "set_type": "must be a list",
    "frozen_set_type": "must be a list",
    "enum": "is not one of the values allowed here",
    "union_tag_invalid": "is not one of the kinds allowed here",
    "union_tag_not_found": "needs a field that says its kind",
    "multiple_of": "is not an allowed step",
    "json_invalid": "is not valid JSON",
    "json_type": "must be JSON text",
}


_PATH_LIKE = re.compile(r'[.\[\]:" ]')  # in a field name, these read as a path, its end or nothing


def format_path(loc: Sequence[Any], named: bool = False) -> str:
    """`sites[3].users`. `named`: the last part is a field name taken from the file (an unknown field, one given
    twice), quoted when empty or holding what reads as a path: "", "a.b", "sites[0]" or " " read as another path or
    as none. (A line break or an invisible character is shown escaped, as in any message: `us\\ners`.)"""
    if named and loc and isinstance(loc[-1], str) and (not loc[-1] or _PATH_LIKE.search(loc[-1])):
        head = format_path(loc[:-1])
        name = json.dumps(loc[-1], ensure_ascii=False)
        return f"{head}.{name}" if head else name
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith(("function-", "tagged-union")):
            out += f".{part}" if out else str(part)
    return out


def _message(err: dict) -> str:
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    value = err.get("input")
    if kind == "float_type" and value.__class__ is int:
        # a whole number written out beyond what a decimal holds (1 followed by 400 zeros): "must be a number"
        # named a number as none
        digits = len(str(abs(value))) if abs(value) < 10 ** 4300 else 4300
        return (f"is a number of {digits:,} digits, beyond the largest number a decimal field holds (about "
                "1.8e308)")
    if kind in _PLAIN:
        return _PLAIN[kind]
    bounds = {"greater_than_equal": ("≥", "ge"), "less_than_equal": ("≤", "le"),
              "greater_than": (">", "gt"), "less_than": ("<", "lt")}
    if kind in bounds:
        sign, key = bounds[kind]
        return f"must be {sign} {_number(ctx.get(key))}"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return "may only use letters, digits, '.', '_' and '-' (1–64 characters)"
    if kind == "string_too_long":
        most = ctx.get("max_length")
        return f"is too long (at most {most:,} characters)" if isinstance(most, int) else "is too long"
    if kind == "too_long":
        return f"has too many items (at most {ctx.get('max_length'):,})" if isinstance(ctx.get("max_length"), int) \
            else "has too many items"
    msg = str(err.get("msg", "is invalid"))
    return clip(msg.removeprefix("Value error, "))


MAX_LINE = 300  # characters of one message line: a value quoted from the file is cut, never printed whole

# Characters that show nothing where they stand: a zero-width space, word joiner, byte-order mark, soft hyphen, the
# Arabic letter mark, invisible operators, Hangul fillers. Printed as they are, "unknown codec 'g711'" (a zero-width
# space after the 1) named a value that looked valid. The joiners (U+200C, U+200D) stay: scripts and emoji need them.
UNSEEN = ("\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0"
          "\ufff9-\ufffb")
_UNSEEN = re.compile(f"[{UNSEEN}]")
# And those that would break a message's line or turn the terminal or the text around: C0 and C1 controls (a line
# break, ESC), the line and paragraph separators, and the bidirectional marks, overrides and isolates.
_INVISIBLE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069{UNSEEN}]")


def _escaped(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def unseen_escaped(text: str) -> str:
    """`text` with each character that shows nothing written as its escape (\\u200b), the rest as it is."""
    return _UNSEEN.sub(_escaped, text)


def visible(text: str) -> str:
    """`text` for a one-line message: each control or bidirectional character written as its escape (a line break
    as \\n, ESC as \\x1b, a right-to-left override as \\u202e), and never a lone surrogate."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _INVISIBLE.sub(_escaped, text)


def name_key(name: str) -> str:
    """A name as a reader tells it from another: compatibility forms folded (NFKC: a no-break space is a space),
    characters that show nothing dropped, spaces collapsed, upper and lower case alike. 'current\u00a0DESIGN\u200b'
    reads as 'Current design'."""
    import unicodedata

    return " ".join(_UNSEEN.sub("", unicodedata.normalize("NFKC", name)).split()).casefold()


# Direction marks, embeddings, isolates and the controls that are no space (ESC, BEL) show nothing where they stand
# either; the joiners (U+200C, U+200D) shape the letters or emoji on either side, so only those at a name's ends
# join nothing. A tab or a line break reads as a space.
_NO_MARK = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_EDGES = " \u200c\u200d"


def reading_key(name: str) -> str:
    """A scenario's name as a reader tells it from another in a list (`name_key`, and besides: direction marks and
    controls dropped, joiners at the ends too): two scenarios of a design never share one, and a name whose key is
    empty shows nothing. 'cafe\u0301' (an accent typed as its own character) and 'Caf\u00e9\u200b' read as 'café'."""
    return name_key(_NO_MARK.sub("", name)).strip(_EDGES)  # ' \u200d a' → 'a'


ALIKE = "names are told apart as they read: not by case, spacing, invisible characters or how an accent was typed"


def clip(text: str, limit: int = MAX_LINE) -> str:
    text = visible(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _number(value: Any) -> str:
    """A bound as people write it (`bound`); what is no number (a date, a text) as it is."""
    return bound(value) if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else str(value)


def bound(value: float | Decimal) -> str:
    """A field's bound, exact and grouped as every figure shown: 1000000 (or 1e6) → "1,000,000", -1e6 →
    "-1,000,000", 0.01 → "0.01", 1e-12 → "0.000000000001" (every digit, never "1e-12"); a bound beyond a float's
    whole digits or below 10^-12 keeps its shortest text ("1e+300", "5e-324")."""
    if isinstance(value, int):
        return f"{value:,}"
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if not number.is_finite():
        return str(value)
    if number == number.to_integral_value() and abs(number) < 10**15:
        return f"{int(number):,}"
    if 1e-12 <= abs(number) < 10**15:  # every digit of its shortest text, as typed
        return typed(value)
    return str(value)


def field_titles(model: type[BaseModel]) -> dict[str, str]:
    """Each field of `model` by the words its form row shows (the field's `title`), as a message says them
    mid-sentence: {'ptime_ms': 'packetization', 'crtp': 'cRTP', 'technology': 'VPN technology'}."""
    return {name: mid_sentence(info.title) for name, info in model.model_fields.items() if info.title}


def problems(exc: ValidationError) -> list[tuple[tuple, str]]:
    """Each problem as (where, in the file's terms; what is wrong, in words): for a caller that names the place in
    its own words (the Inspector's: "Site 'Branch Nord': CUCM cluster may only use …")."""
    return [(tuple(err.get("loc", ())), _message(err)) for err in exc.errors(include_url=False)]


def describe(exc: ValidationError, data: Any = None, prefix: str = "",
             titles: Mapping[str, str] | None = None) -> list[str]:
    """One line per problem, each naming the field path (and the item's name where the data has one).

    `titles` (`field_titles`): a top-level field is named by its form's words instead of the file's field name
    ("packetization: must be ≤ 200", not "ptime_ms: …"); a message that starts with them already says no more."""
    lines = []
    for err in exc.errors(include_url=False):
        loc = tuple(err.get("loc", ()))
        path = format_path(loc, named=err.get("type") == "extra_forbidden")
        message = _message(err)
        if titles and len(loc) == 1 and path in titles:
            path = titles[path]
            if message.casefold().startswith(path.casefold() + " "):  # "packetization time 20 ms is not …"
                path = ""
        if len(loc) >= 2 and loc[-1] == "[key]":  # a mapping's key (a scenario's transports): the key by name
            path = format_path(loc[:-2])
            message = f"key {_quoted_key(loc[-2])} {message}"
        if not path and ":" in message.split(" ")[0]:
            # a cross-check that already names its path, e.g. "links[2].b: unknown site or cloud 'x'"
            line = message
        else:
            line = f"{path}: {message}" if path else message
        name = item_name(data, loc)
        if name:
            line += f" ({name})"
        lines.append(prefix + clip(line))
    return lines


def _quoted_key(key: Any) -> str:
    from advisor.io_errors import short  # io_errors imports this module

    return f"'{short(str(key), 40)}'"


def item_name(data: Any, loc: tuple) -> str:
    """'site "Zürich"' for errors under sites[i] when the raw data gives a name."""
    if not isinstance(data, dict) or len(loc) < 2 or not isinstance(loc[1], int):
        return ""
    coll = data.get(loc[0])
    if not isinstance(coll, list) or not 0 <= loc[1] < len(coll) or not isinstance(coll[loc[1]], dict):
        return ""
    item = coll[loc[1]]
    label = next((v for v in (item.get("name"), item.get("id")) if isinstance(v, str) and v), "")
    if len(label) > 40:
        label = label[:39] + "…"
    kind = {"sites": "site", "clouds": "cloud", "links": "link"}.get(str(loc[0]), "")
    return f"{kind} '{label}'" if label and kind else ""
