"""The characters of a design that its PDF can only print as empty boxes, found before anyone reads the document.

A name in Chinese, Japanese or Korean prints in a CJK font found on the system, a Thai one in a Thai font
(`advisor.report.fallback_fonts`). Where no such font is installed, or for a script the PDF cannot lay out (one
whose letters join or change order: Devanagari, Tamil, Khmer …), or a character no font here has (most emoji),
the PDF draws the font's missing glyph, an empty box: the text still copies out of the PDF as written, but the
customer reads boxes. The command line and the app say so, with what would print them, rather than let the boxes
be found in the customer's copy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from advisor.report import fallback_fonts, fonts
from advisor.report.visual import has_rtl, visual

# Chinese, Japanese and Korean: the blocks a CJK font covers (radicals, punctuation, kana, Bopomofo, Hangul,
# ideographs and their extensions, compatibility forms, half- and full-width forms).
_CJK = (
    (0x2E80, 0x2FE0), (0x3000, 0x3100), (0x3100, 0x3190), (0x3190, 0x3400), (0x3400, 0x4DC0), (0x4E00, 0xA000),
    (0xA960, 0xA980), (0xAC00, 0xD7B0), (0xD7B0, 0xD800), (0xF900, 0xFB00), (0xFE30, 0xFE50), (0xFF00, 0xFFF0),
    (0x1100, 0x1200), (0x20000, 0x323B0),
)


def is_cjk(code: int) -> bool:
    return any(start <= code < end for start, end in _CJK)


def boxed(texts: Iterable[str]) -> list[str]:
    """The distinct characters of `texts` that the PDF prints as an empty box (no font it uses has them), in the
    order they first appear. Characters printed as nothing (controls, the directional marks) are not boxes."""
    found: dict[str, None] = {}
    outside = fonts.outside_sans()
    for text in texts:
        if text.isascii():
            continue
        drawn = text if not has_rtl(text) else text + visual(text)  # Arabic is drawn reshaped
        for char in outside.findall(drawn):
            if char not in found and fonts.boxed(char):
                found[char] = None
    return list(found)


def strings(value: Any) -> Iterator[str]:
    """Every text in a dumped model (`model_dump()`), values only."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


_QUOTE_MAX = 40  # characters of the first text quoted


def warning(design) -> str | None:
    """One line saying which of the design's characters the PDF prints as boxes, where, and what would print them;
    None when every character prints. The quick test runs in C over the design's JSON; the texts are walked only
    when some character is beyond what the bundled font has."""
    if not fonts.outside_sans().search(design.model_dump_json()):
        return None
    texts = list(strings(design.model_dump()))
    chars = boxed(texts)
    if not chars:
        return None
    holding = [t for t in texts if any(c in t for c in chars)]
    first, others = holding[0], len(holding) - 1
    quoted = first if len(first) <= _QUOTE_MAX else first[:_QUOTE_MAX - 1] + "…"
    where = f"“{quoted}”" + (f" and {others:,} more text{'s' if others != 1 else ''}" if others else "")
    count = f"{len(chars):,} character{'s' if len(chars) != 1 else ''}"
    return f"the PDF shows {count} of this design as empty boxes, in {where}: {_remedy(chars)}"


def _remedy(chars: list[str]) -> str:
    """What would print them, by the kind of characters found."""
    codes = [ord(c) for c in chars]
    parts = []
    if any(map(is_cjk, codes)):
        parts.append("install a Chinese, Japanese and Korean TrueType font (on Debian and Ubuntu: fonts-wqy-microhei)"
                     " or name one with ADVISOR_CJK_FONT")
    if any(c in fallback_fonts.UNSHAPED for c in codes):
        parts.append("install a Thai TrueType font (on Debian and Ubuntu: fonts-tlwg-loma-ttf) or name one with "
                     "ADVISOR_FALLBACK_FONT")
    if any(c in fallback_fonts.SHAPED for c in codes):
        parts.append("the PDF cannot lay out scripts whose letters join or change order (Devanagari, Bengali, "
                     "Tamil, Khmer, Myanmar …), so those names print as boxes whatever the fonts")
    if any(not is_cjk(c) and c not in fallback_fonts.UNSHAPED and c not in fallback_fonts.SHAPED for c in codes):
        parts.append(f"no font the PDF can use on this machine has {'the others' if parts else 'them'}")
    return "; ".join(parts) + ". The text still copies out of the PDF as written"
