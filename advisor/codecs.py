"""The voice codec catalogue (SPEC 3.1), loaded from ``resources/codecs.json``, and the payload rule.
``resolve`` accepts the names people type ("G.711", "PCMU", "g729ab"); ``payload_bytes`` refuses a packetization time
that is not a whole number of codec frames.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from advisor.paths import resources_dir

# A ptime within this of a whole number of frames counts as whole: 2.5 ms frames make 30/2.5 inexact in floats.
_FRAME_TOLERANCE = 1e-9
MAX_PTIME_MS = 200.0  # same ceiling as the design model's VoicePolicy.ptime_ms


class CodecError(ValueError):
    """Unknown codec, or a packetization / bit rate the codec cannot use. The message names the value."""


@dataclass(frozen=True)
class Codec:
    id: str
    name: str
    rate_bps: int
    frame_ms: float
    frame_bytes: int
    default_ptime_ms: float
    aliases: tuple[str, ...]
    source: str
    notes: str = ""
    variable_rate: bool = False  # opus: the user gives a target bit rate
    min_kbps: float | None = None
    max_kbps: float | None = None
    max_ptime_ms: float | None = None  # the longest packet the codec's own format allows (Opus: 120 ms)

    @property
    def rate_kbps(self) -> float:
        return self.rate_bps / 1000


def _key(alias: str) -> str:
    # "G.711 µ-law", "g711_ulaw" and "G711ULAW" should all meet the same key.
    return re.sub(r"[\s._\-/]+", "", alias.strip().lower().replace("µ", "u"))


@lru_cache(maxsize=1)
def _catalogue() -> tuple[tuple[Codec, ...], dict[str, Codec]]:
    path = resources_dir() / "codecs.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    codecs = tuple(_codec_from_json(entry, path) for entry in data["codecs"])
    index: dict[str, Codec] = {}
    for codec in codecs:
        for name in (codec.id, codec.name, *codec.aliases):
            key = _key(name)
            other = index.get(key)
            if other is not None and other.id != codec.id:
                raise RuntimeError(f"{path}: alias '{name}' of '{codec.id}' collides with '{other.id}'")
            index[key] = codec
    return codecs, index


def _codec_from_json(entry: dict, path: Path) -> Codec:
    try:
        codec = Codec(
            id=entry["id"], name=entry["name"], rate_bps=int(entry["rate_bps"]), frame_ms=float(entry["frame_ms"]),
            frame_bytes=int(entry["frame_bytes"]), default_ptime_ms=float(entry["default_ptime_ms"]),
            aliases=tuple(entry.get("aliases", ())), source=entry["source"], notes=entry.get("notes", ""),
            variable_rate=bool(entry.get("variable_rate", False)),
            min_kbps=entry.get("min_kbps"), max_kbps=entry.get("max_kbps"), max_ptime_ms=entry.get("max_ptime_ms"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RuntimeError(f"{path}: bad codec entry {entry.get('id', entry)!r}: {exc}") from exc
    if codec.frame_ms <= 0 or codec.frame_bytes <= 0:
        raise RuntimeError(f"{path}: codec '{codec.id}' needs a positive frame_ms and frame_bytes")
    return codec


def all_codecs() -> list[Codec]:
    return list(_catalogue()[0])


def codec_ids() -> list[str]:
    return [c.id for c in _catalogue()[0]]


def resolve(alias: str | Codec) -> Codec:
    """The catalogue entry for an id or alias, case-insensitively; `CodecError` names the value otherwise."""
    if isinstance(alias, Codec):
        return alias
    if not isinstance(alias, str) or not alias.strip():
        raise CodecError(f"codec must be a name such as 'g711' (got {alias!r}); valid ids: {', '.join(codec_ids())}")
    codec = _catalogue()[1].get(_key(alias))
    if codec is None:
        modes = _modes(alias)
        if len(modes) > 1:  # 'iLBC' names a family whose modes differ in rate and frame: the choice is the user's
            listed = ", ".join(f"{c.id} ({round(c.rate_kbps, 2):g} kbps)" for c in modes[:-1])
            raise CodecError(f"{modes[0].name.split()[0]} has {_COUNTS.get(len(modes), len(modes))} modes: {listed} or "
                             f"{modes[-1].id} ({round(modes[-1].rate_kbps, 2):g} kbps); give one")
        raise CodecError(f"unknown codec '{alias}'; valid ids: {', '.join(codec_ids())}")
    return codec


_COUNTS = {2: "two", 3: "three", 4: "four"}


def _modes(alias: str) -> list[Codec]:
    """The codecs whose name begins with the word `alias` names ('iLBC': 'iLBC 20 ms' and 'iLBC 30 ms')."""
    key = _key(alias)
    return [c for c in _catalogue()[0] if _key(c.name.split()[0]) == key] if key else []


def frames_per_packet(codec: Codec, ptime_ms: float) -> int:
    """Whole codec frames in one packet; refuses a ptime that is not a whole number of frames."""
    if isinstance(ptime_ms, bool) or not isinstance(ptime_ms, (int, float)) or not math.isfinite(ptime_ms):
        raise CodecError(f"packetization time must be a number of milliseconds (got {ptime_ms!r})")
    if ptime_ms <= 0 or ptime_ms > MAX_PTIME_MS:
        raise CodecError(f"packetization time {_beside(ptime_ms, MAX_PTIME_MS)} ms is out of range (0 < ptime <= "
                         f"{MAX_PTIME_MS:g} ms)")
    if codec.max_ptime_ms is not None and ptime_ms > codec.max_ptime_ms:
        raise CodecError(f"packetization time {_beside(ptime_ms, codec.max_ptime_ms)} ms is longer than one "
                         f"{codec.name} packet can hold ({codec.max_ptime_ms:g} ms at most, per "
                         f"{codec.source.split(' (')[0]})")
    frames = ptime_ms / codec.frame_ms
    whole = round(frames)
    if whole < 1 or abs(frames - whole) > _FRAME_TOLERANCE * max(1.0, frames):
        examples = ", ".join(f"{codec.frame_ms * n:g}" for n in range(1, 5))
        raise CodecError(
            f"packetization time {_beside(ptime_ms, whole * codec.frame_ms)} ms is not a whole number of {codec.name} "
            "frames "
            f"({codec.frame_ms:g} ms each); use a multiple such as {examples} ms")
    return whole


def check_bitrate(codec: Codec, bitrate_kbps: float | None) -> float | None:
    """The target bit rate for a variable-rate codec; refuses one for a fixed-rate codec."""
    if bitrate_kbps is None:
        return None
    if not codec.variable_rate:
        raise CodecError(f"bit rate applies only to variable-rate codecs (opus), not to {codec.name}; "
                         f"{codec.name} runs at {codec.rate_kbps:g} kbps")
    if isinstance(bitrate_kbps, bool) or not isinstance(bitrate_kbps, (int, float)) or not math.isfinite(bitrate_kbps):
        raise CodecError(f"bit rate must be a number of kbps (got {bitrate_kbps!r})")
    low, high = codec.min_kbps or 0, codec.max_kbps or math.inf
    if not low <= bitrate_kbps <= high:
        shown = _beside(bitrate_kbps, low if bitrate_kbps < low else high)
        raise CodecError(f"bit rate {shown} kbps is out of range for {codec.name} ({low:g}-{high:g} kbps)")
    return float(bitrate_kbps)


_DIGITS_AT_MOST = 1e15  # a refused value this large is shown with a power of ten: far beyond every limit


def _beside(value: float, limit: float) -> str:
    """A value the user gave, beside the limit it missed, with the digits that tell them apart: 5.999999999999999
    kbps read "6 kbps is out of range (6-510 kbps)" with ':g'."""
    from advisor.numbers import power_of_ten, setting_beside  # only on a refusal: `calc` starts without it

    if abs(value) >= _DIGITS_AT_MOST:  # `--bitrate 1e300` was refused with all 301 digits of 1e300
        return power_of_ten(value)
    text = setting_beside(value, limit)
    whole, dot, fraction = text.lstrip("-").partition(".")
    return f"{'-' if text.startswith('-') else ''}{int(whole):,}{dot}{fraction}" if whole.isdigit() else text


def payload_bytes(codec: Codec | str, ptime_ms: float | None = None, bitrate_kbps: float | None = None) -> int:
    """Voice bytes per RTP packet: whole frames from the catalogue (SPEC 3.1).

    A variable-rate codec (opus) with a target bit rate carries ceil(rate × ptime / 8) bytes: an encoder cannot
    send part of a byte. ``ptime_ms=None`` means the codec's default.
    """
    codec = resolve(codec)
    ptime = codec.default_ptime_ms if ptime_ms is None else ptime_ms
    frames = frames_per_packet(codec, ptime)
    rate = check_bitrate(codec, bitrate_kbps)
    if rate is not None:
        # 1e-9 guards against 24.000000001 becoming 25 through float noise.
        return max(1, math.ceil(rate * ptime / 8 - 1e-9))
    return frames * codec.frame_bytes
