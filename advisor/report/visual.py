"""Right-to-left text (Hebrew, Arabic) in the order the PDF draws it.

reportlab lays text out left to right in the order it is stored. A site named "תל אביב" printed as "ביבא לת", and an
Arabic name as letters in their isolated forms, reversed. The app shows them right (Qt applies the Unicode
bidirectional algorithm and shapes Arabic); the design document must too. So every user text that holds a
right-to-left letter is turned into its visual order before it is drawn or measured: Arabic letters into their
joined forms first (arabic-reshaper; DejaVu Sans has the presentation forms), then the Unicode bidirectional
algorithm (python-bidi) in left-to-right lines, as the app's tables and drawing lay names out, with the brackets of a
right-to-left run mirrored. A line of the designer's notes takes the direction its first letter sets, as the app's
notes editor gives it, flush right when that is Hebrew or Arabic. A left-to-right text is left exactly as it is,
without loading either library.

A table cell's text (a name wrapped in a narrow column) and a line of notes are broken into lines in stored order,
their letters joined (`joined`), and each line is then put in drawing order (`line_order`, by
`report.paragraphs.Para`), so wrapped text reads first line first. A user text inside our own prose (a finding
naming a site, in bold or in several fonts) is `marked` where it starts and ends, and each line the paragraph is
broken into orders the text's part on it (`marked_line`), so a name wrapped at a line's end reads from its first
words on too. Other text (headings, mixed-font table cells) is put in drawing order as a whole before it is broken.
"""

from __future__ import annotations

import functools
import re
from itertools import compress

from advisor.shown_names import without_explicit_marks

# Letters of the right-to-left scripts DejaVu draws (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic,
# Arabic Extended) and their presentation forms
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _memo_short(function):
    """`function` of one text (and flags), its answers kept for texts of up to `MEMO_CHARS` characters: a name is
    ordered and shaped once, though it is printed in a dozen tables (a 1,000-site design with Hebrew names: ~100,000
    calls of the bidirectional algorithm and ~70,000 of the reshaper, each of which reads its settings from a
    ConfigParser, made the PDF three to four times slower than with Latin names). Longer texts (notes) are worked
    out each time, so the memo stays small."""
    memo = functools.lru_cache(maxsize=MEMO_SIZE)(function)

    @functools.wraps(function)
    def short_first(text: str, *args):
        return memo(text, *args) if len(text) <= MEMO_CHARS else function(text, *args)

    short_first.memo = memo  # its cache_info() and cache_clear()
    return short_first


MEMO_CHARS, MEMO_SIZE = 400, 8192
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff]")  # letters arabic-reshaper joins


@_memo_short
def _shaped(text: str) -> str:
    """`text` with its Arabic letters in their joined forms (arabic-reshaper), its explicit direction marks left
    out (`shown_names.without_explicit_marks`); itself where it holds neither (Hebrew has no joined forms). A text of plain Arabic letters
    among ASCII is shaped a word at a time, each word once (letters never join across a space: "فرع 12", "فرع 15"
    and a thousand more branch names are one word to shape), unless a ligature of several words is on; any other
    text (vowel marks, tatweel, joiners) is shaped whole."""
    text = without_explicit_marks(text)  # as the app leaves them out of a name beside its own words
    if _ARABIC.search(text) is None:
        return text
    if " " not in text or _PLAIN_ARABIC.fullmatch(text) is None or not _wordwise():
        return _reshape(text)
    return " ".join(_shaped_word(word) if _ARABIC.search(word) is not None else word for word in text.split(" "))


_PLAIN_ARABIC = re.compile("[\u0621-\u063a\u0641-\u064a\x20-\x7e\u2013\u2014]*")  # letters, ASCII, dashes


@_memo_short
def _shaped_word(word: str) -> str:
    return _reshape(word)


def _reshape(text: str) -> str:
    """arabic-reshaper's joined forms of `text`; where it fails (an IndexError on a joiner or vowel mark before the
    ligature of الله: 'ثظلإ \u200dالله'), without its ligatures; where that fails too, the letters as typed."""
    try:
        return _reshaper().reshape(text)
    except UnicodeError:
        raise
    except Exception:  # noqa: BLE001 - the library's own defect on an odd text: shaped another way, never fatal
        try:
            return _reshaper(ligatures=False).reshape(text)
        except UnicodeError:
            raise
        except Exception:  # noqa: BLE001
            return text


def has_rtl(text: str) -> bool:
    """Whether `text` holds a right-to-left letter (and so needs `visual`)."""
    return _RTL.search(text) is not None


def direction(text: str) -> str:
    """"R" where the first letter of `text` with a direction is right-to-left (Hebrew, Arabic), else "L": a line of
    notes in the direction the app's notes editor gives it."""
    if _RTL.search(text) is None:
        return "L"
    from bidi import get_base_level

    try:
        return "R" if get_base_level(text) == 1 else "L"
    except UnicodeError:  # a lone surrogate: as stored
        return "L"


def visual(text: str) -> str:
    """`text` in drawing order: Arabic letters joined, right-to-left runs reversed within left-to-right lines
    ("HQ – תל אביב" → "HQ – ביבא לת"); `text` itself where it holds no right-to-left letter."""
    if _RTL.search(text) is None:
        return text
    try:
        return "\n".join(_display(line, "L") for line in _shaped(text).split("\n"))
    except UnicodeError:  # a lone surrogate (a validated design holds none): drawn as stored
        return text


def joined(text: str) -> str:
    """`text` in stored order, its Arabic letters in their joined forms (what `visual` does before it reorders)."""
    if _RTL.search(text) is None:
        return text
    try:
        return _shaped(text)
    except UnicodeError:  # as in `visual`
        return text


def line_order(text: str, base: str) -> str:
    """One line of a paragraph of `joined` text, in drawing order in the paragraph's direction `base` ("L", "R")."""
    if _RTL.search(text) is None and base == "L":
        return text
    try:
        return _display(text, base)
    except UnicodeError:  # as in `visual`
        return text


# Where a user text that holds right-to-left letters starts and ends inside a paragraph of our own prose (`marked`):
# two noncharacters, measured as nothing (`fonts.invisible_isolates`) and dropped as the line is drawn
OPEN, CLOSE = "\ufdd0", "\ufdd1"
_MARKS = re.compile("[\ufdd0\ufdd1]")


def marked(text: str) -> str:
    """A user text for a paragraph of prose: where it holds a right-to-left letter, in stored order with its Arabic
    letters joined and between `OPEN` and `CLOSE`, so each line the paragraph breaks it into orders its part on its
    own (`marked_line`): a name wrapped at a line's end reads from its first line on. Any marker the text itself
    holds (a noncharacter, drawn as nothing either way) is taken out first. Spaces at the text's ends stay outside
    the markers: a marker after a space is a word drawn with no width, whose space reportlab draws but does not
    measure (a name ending in a space ran its bold line past the margin)."""
    if _RTL.search(text) is None:
        return text
    text = joined(_MARKS.sub("", text))
    core = text.strip()
    start = text.find(core)
    return text[:start] + OPEN + core + CLOSE + text[start + len(core):]


def marked_line(text: str, owner: list[int] | None = None) -> list[tuple[str, int]]:
    """One broken line of a paragraph holding `marked` texts, in drawing order: (character, its index in `text`).
    Each marked part on the line (a line may open or end inside one) is put in drawing order as `visual` orders a
    whole text, left to right; the prose around it stays as stored; the markers are dropped. Where a part's order
    cannot be traced character by character (python-bidi's order not the one worked out here), the part is drawn as
    python-bidi orders it when its characters share one `owner` (a fragment of the line: its font and style), each
    shown at its first character's index, else in stored order."""
    marks = [m.group() for m in _MARKS.finditer(text)]
    inside = marks[0] == CLOSE if marks else _RTL.search(text) is not None
    out: list[tuple[str, int]] = []
    at = 0
    for part in _MARKS.split(text):
        if part:
            if inside and _RTL.search(part) is not None:
                out += _part_order(part, at, owner)
            else:
                out += _stored(part, at)
        at += len(part)
        if at < len(text):  # the marker after the part
            inside = text[at] == OPEN
            at += 1
    return out


def _stored(part: str, at: int) -> list[tuple[str, int]]:
    return list(zip(part, range(at, at + len(part)), strict=True))


def _part_order(part: str, at: int, owner: list[int] | None) -> list[tuple[str, int]]:
    """`marked_line`'s order of one marked part starting at index `at` of the line."""
    try:
        traced = _traced(part)
    except UnicodeError:  # a lone surrogate: as stored
        return _stored(part, at)
    if traced is not None:
        return [(c, at + i) for c, i in traced]
    if owner is None or len(set(owner[at:at + len(part)])) == 1:
        return [(c, at) for c in _display(part, "L")]
    return _stored(part, at)


@_memo_short
def _traced(line: str, base: str = "L") -> tuple[tuple[str, int], ...] | None:
    """`line` in drawing order in direction `base`, each character with its index in `line` (brackets and the like
    at a right-to-left level mirrored: rule L4, which python-bidi leaves out), or None where that order is not
    python-bidi's own."""
    from bidi import get_display

    levels = _levels(line, get_display(line, base_dir=base, debug=True))
    if levels is None:
        return None
    order, levels = _order(line, levels, 1 if base == "R" else 0)
    if "".join(map(line.__getitem__, order)) != get_display(line, base_dir=base):
        return None
    from bidi.mirror import MIRRORED

    return tuple((MIRRORED.get(line[i], line[i]) if levels[i] % 2 else line[i], i) for i in order)


# Characters whose glyph is mirrored at a right-to-left level: brackets, quotation angles, less-than and the like
_MIRRORABLE = re.compile("[()<>\\[\\]{}\u00ab\u00bb\u2039\u203a\u2045\u2046\u207d\u207e\u208d\u208e\u2208-\u22ff"
                         "\u2768-\u2775\u27c0-\u27ff\u2983-\u29ff\u2a00-\u2aff\u3008-\u3011\u3014-\u301b"
                         "\ufe59-\ufe5e\uff08\uff09\uff1c\uff1e\uff3b\uff3d\uff5b\uff5d\uff5f\uff60\uff62\uff63]")
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")
_BREAKS = re.compile("[\n\r\x1c-\x1e\x85\u2029]")  # paragraph separators: each part its own paragraph


@_memo_short
def _display(line: str, base: str) -> str:
    """The bidirectional algorithm's drawing order of one line in direction `base` (python-bidi), with the glyphs of
    brackets and the like that land at a right-to-left level mirrored (`_traced`: "תל אביב (מרכז)" drew its
    brackets facing outwards)."""
    from bidi import get_display

    shown = get_display(line, base_dir=base)
    if _MIRRORABLE.search(line) is None or _BREAKS.search(line):
        return shown
    traced = _traced(line, base)
    return shown if traced is None else "".join(c for c, _i in traced)


def _levels(line: str, debug: str) -> list[int] | None:
    """Each character's resolved level, from python-bidi's `debug` report (a level per UTF-8 byte): the levels of
    the bytes that start a character (the UTF-8 encoding's lead bytes, picked in C-level passes)."""
    byte_levels = list(map(int, _LEVEL.findall(debug[debug.find("levels:"):debug.find("paragraphs:")])))
    data = line.encode("utf-8")
    if len(byte_levels) != len(data):
        return None
    return list(compress(byte_levels, data.translate(_LEADS)))


_LEADS = bytes(int(b & 0xC0 != 0x80) for b in range(256))  # 1 for a byte that starts a UTF-8 character


def _order(line: str, levels: list[int], paragraph: int) -> tuple[list[int], list[int]]:
    """One line's drawing order: (each drawn position's index in `line`, each character's level after rule L1).
    Trailing white space goes to the paragraph's level (rule L1); runs are reversed from the highest level down to
    the lowest odd one (L2); the caller mirrors the characters at odd levels (L4)."""
    levels = list(levels)
    end = len(line)
    while end and (line[end - 1].isspace() or line[end - 1] in "\u2066\u2067\u2068\u2069"):
        end -= 1
        levels[end] = paragraph
    order, moved = list(range(len(line))), list(levels)
    for level in range(max(levels, default=0), 0, -1):
        i = 0
        while i < len(order):
            if moved[i] < level:
                i += 1
                continue
            j = i
            while j < len(order) and moved[j] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            moved[i:j] = moved[i:j][::-1]
            i = j
    return order, levels


@functools.cache
def _reshaper(ligatures: bool = True):
    from arabic_reshaper import ArabicReshaper

    # the vowel marks a name was typed with stay
    return ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": ligatures})


@functools.cache
def _wordwise() -> bool:
    """Whether text may be shaped word by word: no ligature spanning words (arabic-reshaper's three sentence
    ligatures, off by default) is on."""
    from arabic_reshaper.ligatures import LIGATURES

    config = _reshaper().configuration
    return not any(" " in forms[0] and config.getboolean(name, fallback=False) for name, forms in LIGATURES)


__all__ = ["CLOSE", "OPEN", "direction", "has_rtl", "joined", "line_order", "marked", "marked_line", "visual"]
