"""The options `advisor compare --vary KEY=V1,V2` describes, read into scenarios: the keys, each value as its field
takes it (a percent for a share only), every combination named by what it sets; and the error a scenario that makes
no valid design raises (`advisor.scenarios`, which applies and compares them, re-exports every name).
"""

from __future__ import annotations

import itertools
import math
import typing
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from pydantic import ValidationError

from advisor.model import MAX_NAME, MAX_SCENARIOS, Scenario
from advisor.validation import clip, describe, field_titles

# `--vary KEY=…` keys and the scenario field each sets (the command line and the app's scenario table)
VARY_KEYS = {
    "codec": "codec", "ptime": "ptime_ms", "vpn": "technology", "cipher": "cipher", "srtp": "srtp",
    "crtp": "crtp", "gos": "gos", "calls": "calls_per_user",
}
TRANSPORTS = ("mpls", "internet", "private-wan")


class ScenarioError(ValueError):
    """A scenario that does not make a valid design: the message names the scenario and the field."""


def parse_vary(items: Sequence[str]) -> list[tuple[str, list[str]]]:
    """`codec=g711,g729` → ("codec", ["g711", "g729"]); `vpn.internet=dmvpn,flexvpn` for one transport."""
    out: list[tuple[str, list[str]]] = []
    for item in items:
        key, sep, values = item.partition("=")
        key = key.strip().lower()
        written = [v.strip() for v in values.split(",")]
        choices = [v for v in written if v]
        transport = key.split(".", 1)[1] if key.startswith("vpn.") else None
        if not sep or not choices:
            raise ScenarioError(f"--vary '{item}': write KEY=VALUE[,VALUE…], e.g. codec=g711,g729")
        if key not in VARY_KEYS and transport not in TRANSPORTS:
            known = ", ".join([*VARY_KEYS, *(f"vpn.{t}" for t in TRANSPORTS)])
            raise ScenarioError(f"--vary '{item}': unknown key '{key}' (one of {known})")
        if len(choices) < len(written):  # 'codec=g711,,g729' compared two codecs in silence
            raise ScenarioError(f"--vary {_shown(item)}: an empty value (two commas with nothing between, or "
                                "a comma at an end): remove it")
        if (twice := _given_twice(key, choices)) is not None:  # two identical columns
            raise ScenarioError(f"--vary {_shown(item)}: {twice}")
        out.append((key, choices))
    return out


def _given_twice(key: str, values: list[str]) -> str | None:
    """Why two of one key's values make the same option ('g711 is given twice', 'g711 and PCMU name the same
    codec (G.711)'), or None. Values the analysis would refuse are compared as written: their own message says more."""
    seen: dict[object, str] = {}
    for value in values:
        same = _same_as(key, value)
        if same in seen:
            first = seen[same]
            if first == value:
                return f"{_shown(value, 40)} is given twice"
            what = "codec" if key == "codec" else "value"
            named = f" ({same[1]})" if key == "codec" and isinstance(same, tuple) else ""
            return f"{_shown(first, 40)} and {_shown(value, 40)} name the same {what}{named}"
        seen[same] = value
    return None


def _same_as(key: str, value: str) -> object:
    """What a --vary value sets, to tell two spellings of one option apart from two options."""
    if key == "codec":
        from advisor.codecs import CodecError, resolve

        try:
            codec = resolve(value)
        except CodecError:
            return value
        return (codec.id, codec.name)
    if VARY_KEYS.get(key) in ("ptime_ms", "gos", "calls_per_user", "crtp") and value.isascii() \
            and "_" not in value:
        # exactly, as written: as floats, 'gos=0,1e-400' named the same value (1e-400 is refused as too close to 0)
        percent = key == "gos" and value.endswith("%")  # a '%' elsewhere is refused (`_typed`)
        try:
            number = Decimal(value[:-1] if percent else value).as_tuple()
        except InvalidOperation:
            return value
        if not isinstance(number.exponent, int):  # nan, inf: compared as written
            return value
        return Decimal((0 if not any(number.digits) else number.sign, number.digits,
                        number.exponent - (2 if percent else 0)))  # 1% is 0.01; -0 is 0
    if VARY_KEYS.get(key) in ("technology", "cipher", "srtp"):
        return _choice(VARY_KEYS[key], value)  # 'getvpn' and 'GETVPN' name one technology
    return value


def scenarios_from_vary(varied: Sequence[tuple[str, list[str]]]) -> list[Scenario]:
    """Every combination of the varied values, one scenario each, named by what it sets: at most MAX_SCENARIOS
    (as many as a design may save), counted before any is built (400 gos values × 100 × 100 calls took minutes
    and gigabytes)."""
    combinations = math.prod(len(values) for _key, values in varied)
    if combinations > MAX_SCENARIOS:
        counted = f"{combinations:,}" if combinations < 10**9 else "more than a billion"  # 5,000 options: 1,500 digits
        raise ScenarioError(f"--vary: {counted} combinations of options; at most {MAX_SCENARIOS} are compared at "
                            "once: vary fewer values")
    keys = [key for key, _values in varied]
    if twice := next((key for i, key in enumerate(keys) if key in keys[:i]), None):
        # 'codec=g711' then 'codec=g729': the second set the codec, and the scenario's name said both
        raise ScenarioError(f"--vary {_shown(twice)} is given twice; give its values in one: "
                            f"--vary {_shown(twice)}=V1,V2")
    out = []
    combos = list(itertools.product(*(values for _key, values in varied)))
    names = _names(varied, combos)
    for combo, name in zip(combos, names, strict=True):
        fields: dict = {}
        transports: dict[str, str] = {}
        for (key, _values), value in zip(varied, combo, strict=True):
            if key.startswith("vpn."):
                transports[key.split(".", 1)[1]] = value
            else:
                fields[VARY_KEYS[key]] = _typed(key, value)
        try:
            out.append(Scenario.model_validate({"name": name, **fields, "transports": transports}))
        except ValidationError as exc:
            raise ScenarioError(f"--vary {_shown(name)}: {_why(exc, titled=True)}") from None
    return out


def _names(varied: Sequence[tuple[str, list[str]]], combos: list[tuple[str, ...]]) -> list[str]:
    """Each combination's name, 'codec=g711, gos=0.01', every one different and at most MAX_NAME characters. The
    values as written; when a name would be longer than a name may be, each number in the fewest digits that read
    back as the same number ('calls=0.000…01' of 198 characters is 1e-196), in every name alike; a name still too
    long is cut ('…'), and a name that is another's (two names cut alike, a value given twice) gets ' (2)', ' (3)'…
    (two options cut to one name headed two columns alike)."""
    keys = [key for key, _values in varied]

    def joined(values: Sequence[str]) -> str:
        return ", ".join(f"{key}={value}" for key, value in zip(keys, values, strict=True))

    names = [joined(combo) for combo in combos]
    if any(len(name) > MAX_NAME for name in names):
        names = [joined([_fewest_digits(key, value) for key, value in zip(keys, combo, strict=True)])
                 for combo in combos]
    out: list[str] = []
    taken: set[str] = set()
    for name in names:
        shown, n = _cut(name, MAX_NAME), 1
        while shown in taken:
            n += 1
            suffix = f" ({n})"
            shown = _cut(name, MAX_NAME - len(suffix)) + suffix
        taken.add(shown)
        out.append(shown)
    return out


def _cut(name: str, limit: int) -> str:
    return name if len(name) <= limit else name[:limit - 1] + "…"  # made here: never "too long"


def _fewest_digits(key: str, value: str) -> str:
    """A number --vary value in the fewest digits that read back as the same number (shortest `repr` of the
    float, without a trailing '.0'; a share in percent keeps its '%'); any other value as written."""
    field_name = VARY_KEYS.get(key)
    if field_name == "crtp":
        number = _header_bytes(value)
        return str(number) if isinstance(number, int) else value
    if field_name not in ("ptime_ms", "gos", "calls_per_user"):
        return value
    percent = value.endswith("%")
    try:
        number = float(value[:-1] if percent else value)
    except ValueError:
        return value
    if not math.isfinite(number):
        return value
    text = shortest_number(number) + ("%" if percent else "")
    return text if len(text) < len(value) else value


def shortest_number(number: float) -> str:
    """A number in the fewest digits that read back as it: 20, 0.1, 1e-196 (its `repr`, without a trailing '.0')."""
    text = repr(number)
    return text.removesuffix(".0") if "e" not in text else text


def _shown(text: str, limit: int = 60) -> str:
    """A value from the command line as a message quotes it: on one line, and cut when long."""
    return clip(text, limit)


def _why(exc: ValidationError, titled: bool = False) -> str:
    """The problems on one line; `titled`: each field named as the scenario form's rows name it ("packetization",
    not the file's "ptime_ms"), for a saved scenario that no longer makes a valid design (the app's scenario form
    and dock, the PDF, `advisor compare`)."""
    return "; ".join(describe(exc, titles=field_titles(Scenario) if titled else None))


def _typed(key: str, value: str):
    """The --vary value as its field takes it; a message names the key as the user typed it (`calls`, not the
    field's name `calls_per_user`)."""
    field_name = VARY_KEYS[key]
    if (problem := percent_problem(key, value)) is not None:
        raise ScenarioError(f"--vary {key}={_shown(value)}: {problem}")
    if field_name in ("ptime_ms", "gos", "calls_per_user"):
        percent = value.endswith("%")  # one '%' (a share): 'gos=1%%' was read as 1 %
        try:
            number = float(value[:-1] if percent else value) / (100.0 if percent else 1.0)
        except ValueError:
            raise ScenarioError(f"--vary {key}={_shown(value)}: '{_shown(value)}' is not a number") from None
        return number
    if field_name == "crtp":
        return _header_bytes(value)
    return _choice(field_name, value)


def _choice(field_name: str, value: str) -> str:
    """A value of a field of fixed choices in the case the field spells it ('vpn=GETVPN' is getvpn, 'srtp=SHA1-80'
    sha1-80), as the keys are read whatever their case; any other value as written, for the field's own message."""
    choices = [c for arg in typing.get_args(Scenario.model_fields[field_name].annotation)
               for c in typing.get_args(arg) if isinstance(c, str)]
    if value in choices:
        return value
    folded = value.strip().casefold()
    return next((c for c in choices if c.casefold() == folded), value)


def _header_bytes(value: str) -> int | str:
    """A cRTP value as a whole number, read as the command line's whole-number options read one ('2', '2.0', '2e0'
    are 2); anything else as written, for the field's own message ('crtp=recommend': must be one of 0, 2 or 4)."""
    if value.isascii() and value.isdigit() and len(value) > 9:  # int() of thousands of digits hits Python's limit
        raise ScenarioError(f"--vary crtp=…: a value of {len(value):,} characters; crtp takes 0, 2 or 4 (bytes of "
                            "compressed header)")
    if not value.isascii() or "_" in value:  # '²' and '1_0' are refused as numbers (`numeral_problem`)
        return value
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    # a number of at most 9 digits that is whole: mpls-isolation, 23 characters of a decimal were "a value of …
    # characters" while 'recommend' was "must be one of 0, 2 or 4"
    if number.is_finite() and number == number.to_integral_value() and number.adjusted() < 9:
        return int(number)
    return value


# What each --vary key other than the share (gos) takes, for a value written in percent: 'ptime=20%' was read as
# 0.2 ms, 'calls=50%' as 0.5 calls per user
_NOT_PERCENT = {
    "ptime": "packetization is a time in milliseconds, not a percent: write it without '%'",
    "calls": "busy-hour calls per user is a number of calls such as 0.5 or 2, not a percent",
    "crtp": "cRTP is a header size in bytes (0, 2 or 4), not a percent",
}


def percent_problem(key: str, value: str) -> str | None:
    """Why a --vary value in percent is refused, or None: only a share (the grade of service) is a fraction a
    percent can name."""
    if key in _NOT_PERCENT and value.strip().endswith("%"):
        return _NOT_PERCENT[key]
    return None
