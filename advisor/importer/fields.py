"""The fields a site list's columns can map to, and the header words that name each of them.

Headers are compared after `normalize`: case, accents, punctuation, units in brackets, plural 's' and filler
words ("of", "the", "in", "per") do not matter. A header equal to a synonym scores 3 (2 for a weaker synonym such
as "Location" for the site name); a header holding one of the field's words scores 1, unless it also holds one of
the field's excluded words ("Circuit ID" is not a transport). Fields are tried in the order of `FIELDS`, most
specific first, so "Lobby phones" is the public-area phones, not the phones.

A header that names a measured figure (a unit such as kbps or ms, or Erlangs, channels, calls, traffic, a share or
a count: `measures`) names only a field that holds that figure: "PSTN trunks (channels)" and "WAN traffic
(Erlangs)", as our own results workbook heads its columns, are neither the PSTN gateway nor the transport, while
"Latency (ms)" is the RTT and "User count" the users.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    id: str
    label: str  # for the mapping dialog and messages
    help: str
    synonyms: tuple[str, ...] = ()  # whole headers (normalized): score 3
    weak: tuple[str, ...] = ()  # whole headers that name the field less surely: score 2
    words: tuple[str, ...] = ()  # words or phrases a header holds: score 1
    excluded: tuple[str, ...] = ()  # words that stop `words` from matching
    measures: tuple[str, ...] = ()  # the measured figures (`measures`) a header naming this field may state


FIELDS: tuple[Field, ...] = (
    Field("public_phones", "Phones in public areas", "Phones in lobbies and other public areas (part of the phones)",
          ("public phones", "lobby phones", "public area phones", "common area phones", "courtesy phones"),
          words=("lobby", "public area", "common area", "courtesy"), measures=("count",)),
    Field("phones", "Phones", "IP phones at the site; empty = one per user",
          ("phones", "phone", "ip phones", "handsets", "extensions", "telephones", "desk phones", "ip phone count",
           "voice endpoints", "endpoints", "devices"),
          words=("phone", "handset", "extension", "telephone", "endpoint"),
          excluded=("analog", "analogue", "fax", "mobile", "cell", "type", "model", "public", "lobby"),
          measures=("count",)),
    Field("users", "Users", "People at the site (headcount)",
          ("users", "user", "headcount", "head count", "heads", "staff", "employees", "seats", "people", "fte",
           "personnel", "occupants", "population", "user count"),
          words=("user", "headcount", "staff", "employee", "seat", "people", "fte", "personnel"), measures=("count",)),
    Field("bandwidth", "WAN bandwidth", "The access circuit's speed, e.g. 2 Mbps, 512k, 10 Mb/s",
          ("wan bw", "bw", "bandwidth", "wan bandwidth", "speed", "wan speed", "circuit speed", "link speed",
           "access speed", "port speed", "capacity", "cir", "line speed", "committed rate"),
          words=("bw", "bandwidth", "speed", "capacity", "cir", "throughput"), measures=("rate",)),
    Field("rtt", "Round-trip time", "Latency or round-trip time of the access link in ms; a one-way delay column "
          "is doubled", ("latency", "rtt", "round trip", "round trip time", "delay", "ping", "one way delay",
                         "one way latency", "wan latency"),
          words=("latency", "rtt", "delay", "ping", "round trip", "roundtrip"), measures=("time",)),
    Field("id", "Site id", "A short code for the site (letters, digits, '.', '_', '-'); else made from the name",
          ("site id", "id", "site code", "code", "site number", "site ref", "ref", "reference", "store number",
           "branch code", "branch number", "location code", "location id"),
          words=("id", "code", "number", "ref"),
          excluded=("circuit", "user", "phone", "extension", "router", "ip", "telephone", "contact", "vlan")),
    Field("router", "Router", "The site's router model; it runs SRST and sets its capacity (e.g. ISR4331)",
          ("router", "router model", "cpe", "platform", "hardware", "edge router", "wan router", "voice router",
           "device model", "model"),
          words=("router", "cpe", "platform", "hardware"),
          excluded=("ip", "address", "hostname", "name", "serial", "loopback", "id")),
    Field("srst", "Survivability (SRST)", "SRST at the site: yes/no, or the mode (SRST, E-SRST, SIP SRST, MGCP "
          "fallback)", ("srst", "survivability", "survivable", "srst mode", "fallback", "local survivability"),
          words=("srst", "survivab*", "fallback")),
    Field("pstn", "Local PSTN gateway", "Whether calls can leave through a local PSTN gateway (yes/no, or PRI, "
          "SIP trunk …)", ("pstn", "local pstn", "pstn gateway", "gateway", "pstn breakout", "local breakout",
                           "voice gateway", "pri", "isdn", "trunks", "pstn trunk"),
          words=("pstn", "breakout", "gateway", "isdn")),
    Field("nat", "NAT on the path", "Yes when the site's traffic crosses NAT (e.g. carrier-grade NAT on LTE)",
          ("nat", "behind nat", "natted", "cgnat", "nat on path"), words=("nat",)),
    Field("transport", "Transport", "MPLS, Internet, DIA, broadband, ADSL, LTE, leased line, metro Ethernet …",
          ("circuit", "access", "transport", "wan", "wan type", "circuit type", "access type", "connection",
           "connectivity", "connection type", "link type", "wan service", "service", "underlay", "wan transport",
           "network", "technology"),
          words=("circuit", "access", "transport", "wan", "connection", "connectivity", "underlay"),
          excluded=("id", "ref", "reference", "number", "provider", "carrier", "contract", "vendor", "cost",
                    "price", "date", "term")),
    Field("kind", "Site type", "HQ, branch or data centre", ("type", "site type", "kind", "category",
                                                             "site category", "class", "site class", "role", "tier"),
          words=("type", "category", "kind")),
    Field("name", "Site name", "The site's name (required)",
          ("site name", "site", "name", "branch", "branch name", "office", "office name", "store", "store name",
           "location name", "site description", "description", "facility", "premises"),
          weak=("location", "city", "town", "address", "site address", "place"),
          words=("site", "branch", "office", "store", "location", "city", "name"),
          excluded=("link", "contact")),  # 'Link name', 'Contact name' name no site
)
FIELD_IDS: tuple[str, ...] = tuple(f.id for f in FIELDS)
BY_ID: dict[str, Field] = {f.id: f for f in FIELDS}

# What `--map COL=FIELD` accepts for a field besides its id (the design's own field names among them).
FIELD_ALIASES: dict[str, str] = {
    "site": "name", "site_name": "name", "site name": "name", "users": "users", "headcount": "users",
    "capacity": "bandwidth", "capacity_kbps": "bandwidth", "bw": "bandwidth", "speed": "bandwidth",
    "rtt_ms": "rtt", "latency": "rtt", "delay": "rtt", "circuit": "transport", "access": "transport",
    "cloud": "transport", "wan": "transport", "type": "kind", "site_type": "kind", "srst_platform": "router",
    "platform": "router", "survivability": "srst", "pstn_gateway": "pstn", "gateway": "pstn",
    "public_area_phones": "public_phones", "lobby_phones": "public_phones", "site_id": "id", "code": "id",
}
IGNORE_WORDS = ("ignore", "none", "skip", "-")  # `--map "Notes=ignore"` leaves a column out
SITE_ID_HEADERS = ("site",)  # (normalized) a 'Site' column beside a 'Name' column holds the site ids


def field_for(word: str) -> str | None:
    """The field id `word` names (an id, an alias, or a label), or None; raises nothing."""
    key = word.strip().lower()
    if key in BY_ID:
        return key
    key2 = key.replace("-", "_")
    if key2 in BY_ID:
        return key2
    if key in FIELD_ALIASES or key2 in FIELD_ALIASES:
        return FIELD_ALIASES.get(key, FIELD_ALIASES.get(key2))
    return next((f.id for f in FIELDS if f.label.lower() == key), None)


_UNIT_WORDS = {
    "kbps": "kbps", "kbit": "kbps", "kbits": "kbps", "kbit s": "kbps", "kb s": "kbps", "kb": "kbps", "k": "kbps",
    "mbps": "Mbps", "mbit": "Mbps", "mbits": "Mbps", "mbit s": "Mbps", "mb s": "Mbps", "mb": "Mbps", "m": "Mbps",
    "meg": "Mbps", "gbps": "Gbps", "gbit": "Gbps", "gbit s": "Gbps", "gb s": "Gbps", "gb": "Gbps", "g": "Gbps",
    "tbps": "Tbps", "tbit": "Tbps", "tbit s": "Tbps", "tb s": "Tbps", "bps": "bps", "bit s": "bps", "b s": "bps",
    "ms": "ms", "msec": "ms", "millisecond": "ms", "milliseconds": "ms",
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",  # 'Delay (s)': the cells read × 1,000
    # 'Latency (µs)': the micro sign folded away read as seconds, 5 µs as 5,000 ms; the cells read ÷ 1,000. Not a
    # bare 'us', which may be a country ('Users (US)')
    "micros": "us", "usec": "us", "usecs": "us", "microsecond": "us", "microseconds": "us",
}
_BRACKETS = re.compile(r"[(\[{]([^)\]}]*)[)\]}]")
_FILLER = {"of", "the", "in", "per", "a", "an", "at", "for"}
_NUMBER_WORDS = {"no", "nr", "num", "#", "nbr"}


def _fold(text: str) -> str:
    """Lower case without accents; '#' and '&' as words."""
    text = unicodedata.normalize("NFKD", str(text)).replace("\u03bc", "micro").encode("ascii", "ignore")\
        .decode("ascii").lower()  # the micro sign (µ, NFKD: Greek mu) as a word, never dropped
    return text.replace("#", " # ").replace("&", " and ").replace("/", " ")


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "bps")):
        return word[:-1]
    return word


def normalize(header: object) -> tuple[str, str | None]:
    """(the header's words for matching, the unit it states or None): 'WAN BW (Mbps)' -> ('wan bw', 'Mbps'),
    'No. of Users' -> ('number user', None), 'Latency in ms' -> ('latency', 'ms')."""
    text = _fold(header)
    unit = None
    # only up to the last closing bracket: the search tried every opening bracket after it to the end of the text,
    # and a cell of 30,000 '(' (any cell of the first rows is read as a header candidate) took minutes
    closed = max(text.rfind(")"), text.rfind("]"), text.rfind("}")) + 1
    for inside in _BRACKETS.findall(text, 0, closed):
        words = " ".join(re.findall(r"[a-z0-9#]+", inside))
        unit = _UNIT_WORDS.get(words, unit)
    text = _BRACKETS.sub(" ", text[:closed]) + text[closed:]
    words = re.findall(r"[a-z0-9#]+", text)
    if len(words) > 2 and " ".join(words[-2:]) in _UNIT_WORDS:  # 'Speed kbit/s'
        unit, words = _UNIT_WORDS[" ".join(words[-2:])], words[:-2]
    elif len(words) > 1 and len(words[-1]) > 1 and words[-1] in _UNIT_WORDS:  # 'Bandwidth Mbps', not 'Site B'
        unit, words = _UNIT_WORDS[words[-1]], words[:-1]
    out = ["number" if w in _NUMBER_WORDS else _singular(w) for w in words if w not in _FILLER]
    return " ".join(out), unit


def _normalized(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize(p)[0] for p in phrases)


_SYNONYMS = {f.id: _normalized(f.synonyms) for f in FIELDS}
_WEAK = {f.id: _normalized(f.weak) for f in FIELDS}
_WORDS = {f.id: tuple(w if w.endswith("*") else normalize(w)[0] for w in f.words) for f in FIELDS}
_EXCLUDED = {f.id: tuple(normalize(w)[0] for w in f.excluded) for f in FIELDS}


def _any_of(phrases: tuple[str, ...]) -> re.Pattern | None:
    """One pattern that finds any of `phrases` as `_holds` finds each (whole words; a phrase ending in '*' also the
    start of a word), None for none: a header search tried 100 patterns per cell one by one, ~85 µs a cell, and
    a workbook of 40 sheets of 200 columns took over a minute to open."""
    if not phrases:
        return None
    alternatives = (re.escape(p[:-1]) if p.endswith("*") else re.escape(p) + r"(?: |$)" for p in phrases)
    return re.compile(r"(?:^| )(?:" + "|".join(alternatives) + ")")


_WORDS_RE = {f.id: (_any_of(_WORDS[f.id]), _any_of(_EXCLUDED[f.id])) for f in FIELDS}


def _holds(text: str, phrase: str) -> bool:
    """Whether the words of `text` hold `phrase` as whole words; a phrase ending in '*' also matches the start of
    a word ('survivab*' finds 'survivability')."""
    if phrase.endswith("*"):
        return re.search(r"(?:^| )" + re.escape(phrase[:-1]), text) is not None
    return re.search(r"(?:^| )" + re.escape(phrase) + r"(?: |$)", text) is not None


_UNIT_MEASURES = {"bps": "rate", "kbps": "rate", "Mbps": "rate", "Gbps": "rate", "Tbps": "rate", "ms": "time",
                  "s": "time", "us": "time"}
_MEASURE_WORDS = (("erlang", re.compile(r"\b(?:erlangs?|erl)\b")), ("channel", re.compile(r"\bchannels?\b")),
                  ("calls", re.compile(r"\b(?:calls|bhca|cps)\b")), ("traffic", re.compile(r"\btraffic\b")),
                  ("share", re.compile(r"%|\b(?:percent|percentage|utili[sz]ation)\b")),
                  ("count", re.compile(r"\bcount\b")),
                  # a figure in thousands or millions: 'Users (000s)' read as users would make 2 of 2,000
                  ("scale", re.compile(r"(?:^|[^a-z0-9])'?000'?s?\b|\b(?:thousands?|millions?)\b")))


def measures(header: object, unit: str | None) -> frozenset[str]:
    """The measured figures a header names: 'rate' (kbps, Mbps, Gbps), 'time' (ms), 'erlang', 'channel', 'calls',
    'traffic', 'share' (%, utilisation), 'count' and 'scale' (in thousands or millions, which no field holds).
    'WAN traffic (Erlangs)' -> {'traffic', 'erlang'}. `unit`: the header's unit, as `normalize` gives it."""
    text = _fold(header)
    found = {tag for tag, pattern in _MEASURE_WORDS if pattern.search(text)}
    if unit is not None:
        found.add(_UNIT_MEASURES[unit])
    return frozenset(found)


_RECOGNISED: dict[str, tuple[str | None, int]] = {}  # cell text -> `recognise`'s answer (the header search reads
_RECOGNISED_MAX = 100_000  # each sheet's first rows twice: to choose the sheet, then to list the sheets)


def recognise(header: object) -> tuple[str | None, int]:
    """(field id, score 1–3) for a header cell, or (None, 0). A field is named only by a header that states no
    measured figure other than the ones the field holds ('PSTN trunks (channels)' names no field); a transport
    header with a speed unit names the bandwidth ('Circuit (Mbps)'). A text's answer is kept (up to
    `_RECOGNISED_MAX` texts)."""
    if header is None or isinstance(header, bool):
        return None, 0
    if header.__class__ is str:
        known = _RECOGNISED.get(header)
        if known is None:
            if len(_RECOGNISED) >= _RECOGNISED_MAX:
                _RECOGNISED.clear()
            known = _RECOGNISED[header] = _recognise(header)
        return known
    return _recognise(header)


def _recognise(header: object) -> tuple[str | None, int]:
    text, unit = normalize(header)
    if not text or len(text) > 60:
        return None, 0
    stated = measures(header, unit)
    field, score = _match(text, [f for f in FIELDS if stated <= set(f.measures)])
    if field is None and stated == {"rate"} and _match(text, [BY_ID["transport"]])[0]:  # 'Circuit (Mbps)'
        return "bandwidth", _match(text, [BY_ID["transport"]])[1]
    return field, score


def _match(text: str, fields: list[Field]) -> tuple[str | None, int]:
    for score, table in ((3, _SYNONYMS), (2, _WEAK)):
        for f in fields:
            if text in table[f.id]:
                return f.id, score
    for f in fields:
        words, excluded = _WORDS_RE[f.id]
        if words is not None and words.search(text) and not (excluded is not None and excluded.search(text)):
            return f.id, 1
    return None, 0


def one_way(header: object) -> bool:
    """Whether a delay header names the one-way delay ('One-way delay (ms)'), which is doubled for the RTT."""
    text = normalize(header)[0]
    return _holds(text, "one way") or _holds(text, "oneway")
