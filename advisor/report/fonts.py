"""Fonts for the PDF: the bundled DejaVu Sans for everything, system fonts (TTF/TTC, embedded) as fallbacks for
what it lacks: a CJK font, then a Thai one (Thai, and such Lao letters as DejaVu lacks and it has), and DejaVu
Sans Mono (embedded) for configuration listings. Scripts that need shaping (Devanagari, Khmer, Myanmar …) have no
fallback and print as boxes: `fallback_fonts` says why and how the fonts are found.

Text is split into runs by glyph coverage so a name in any script prints, and a missing glyph never crashes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from advisor.paths import resources_dir
from advisor.report import fallback_fonts
from advisor.report.fallback_fonts import MAX_FONT_BYTES  # noqa: F401 - the largest font file read
from advisor.report.font_faces import _Font, invisible_isolates
from advisor.report.visual import has_rtl, joined, marked, visual
from advisor.report.word_breaks import SHY, char_class, fewer_soft_hyphens, glued

FONT_DIR = resources_dir() / "fonts"
SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
CJK = "AdvisorCJK"
FALLBACK = "AdvisorFallback"  # Thai and Lao (`fallback_fonts.UNSHAPED`)
MONO = "DejaVuSansMono"


@functools.cache
def register() -> None:
    """Register the bundled fonts once per process; bold and normal form one family for <b> in Paragraphs."""
    from reportlab.lib.fonts import addMapping

    from advisor.report import tounicode

    tounicode.install()  # text beyond the BMP (emoji) copies out of the PDF as itself
    pdfmetrics.registerFont(invisible_isolates(_Font(SANS, str(FONT_DIR / "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(invisible_isolates(_Font(SANS_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf"))))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(SANS, bold, italic, SANS_BOLD if bold else SANS)
    # reportlab.graphics starts every drawing in Helvetica, which would be referenced but never embedded.
    from reportlab.graphics import shapes

    shapes.STATE_DEFAULTS["fontName"] = SANS


@functools.cache
def _register_cjk() -> bool:
    """Find and register the CJK fallback, the first time a character DejaVu lacks asks for it (parsing a CJK
    font costs about a tenth of a second, which a design in Latin, Greek or Cyrillic never needs to pay: a font
    registered but unused is not embedded, so the document is the same either way)."""
    register()
    return _registered(_load_cjk())


@functools.cache
def _register_fallback() -> bool:
    """Find and register the Thai fallback, as the CJK one: only once a character DejaVu lacks asks for it."""
    register()
    return _registered(_load_fallback())


def _registered(font: TTFont | None) -> bool:
    """Register a fallback font found (none: False), bold and italic in the same face."""
    from reportlab.lib.fonts import addMapping

    if font is None:
        return False
    pdfmetrics.registerFont(invisible_isolates(font))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(font.fontName, bold, italic, font.fontName)
    return True


def _load_cjk() -> TTFont | None:
    return fallback_fonts.first_font(fallback_fonts.cjk_paths(), lambda path: _Font(CJK, path, subfontIndex=0))


def _load_fallback() -> TTFont | None:
    """The Thai fallback: the first font found with a Thai or Lao character DejaVu lacks."""
    lacking = fallback_fonts.UNSHAPED.difference(_coverage(SANS))
    return fallback_fonts.first_font(fallback_fonts.thai_paths(),
                                     lambda path: _Font(FALLBACK, path, subfontIndex=0),
                                     lambda font: not lacking.isdisjoint(font.covered))


# DejaVu Sans Mono: bundled when resources/fonts holds it, else the system's copy (fonts-dejavu-core ships it).
_MONO_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/TTF/DejaVuSansMono.ttf",
    "/Library/Fonts/DejaVuSansMono.ttf",
    "C:/Windows/Fonts/DejaVuSansMono.ttf",
)


@functools.cache
def mono() -> str:
    """The font of configuration listings: DejaVu Sans Mono when one is found (embedded like every font), else
    DejaVu Sans, so a listing never falls back to a font the PDF does not embed."""
    register()
    for path in (str(FONT_DIR / "DejaVuSansMono.ttf"), *_MONO_CANDIDATES):
        if not Path(path).is_file():
            continue
        try:
            pdfmetrics.registerFont(invisible_isolates(_Font(MONO, path)))
        except Exception:  # noqa: BLE001 - a damaged file is skipped, never fatal
            continue
        return MONO
    return SANS


def mono_runs(text: str) -> Iterator[tuple[str, str]]:
    """Split listing text into (font name, chunk) runs: the mono font where it has the glyph (and for spaces), else
    the font that does (a site name in another script), as font_for picks it."""
    face = mono()
    if face == SANS:
        yield from runs(text)
        return
    if text.isascii():
        if text:
            yield face, text
        return
    text = visual(text)
    pos = 0
    for match in _mono_run(face).finditer(text):  # runs found in C, not a call per character
        if match.start() > pos:
            yield from _fallback_runs(text[pos:match.start()])
        yield face, match.group()
        pos = match.end()
    if pos < len(text):
        yield from _fallback_runs(text[pos:])


def _fallback_runs(text: str) -> Iterator[tuple[str, str]]:
    """Runs of text without spaces: a fallback font where font_for picks it, else DejaVu."""
    if not _outside_sans().search(text) or not _fallbacks():
        yield SANS, text
        return
    yield from _split(text, _chars())


def _split(text: str, pattern: re.Pattern) -> Iterator[tuple[str, str]]:
    """(font, chunk) runs of `text`: what the n-th group of `pattern` matches in the n-th fallback font
    (`_fallbacks`), the text between in DejaVu. The runs are found in C: a name of 200 characters is one search, not
    200 calls."""
    names = _fallback_names()
    pos = 0
    for match in pattern.finditer(text):
        if match.start() > pos:
            yield SANS, text[pos:match.start()]
        yield names[match.lastindex - 1], match.group()
        pos = match.end()
    if pos < len(text):
        yield SANS, text[pos:]


def cjk_available() -> bool:
    return _register_cjk()


@functools.cache
def _fallbacks() -> tuple[tuple[str, frozenset[int]], ...]:
    """The fonts after DejaVu, in the order font_for asks them, each with the characters it prints: the CJK font
    those DejaVu lacks but the scripts that need shaping (`fallback_fonts.SHAPED`), the Thai fallback the Thai and
    Lao ones neither has (`fallback_fonts.UNSHAPED`). A font
    with none but spaces is left out. Found the first time a character DejaVu lacks asks for them."""
    register()
    taken = _coverage(SANS)
    out = []
    for name, found, only in ((CJK, _register_cjk(), None),
                              (FALLBACK, _register_fallback(), fallback_fonts.UNSHAPED)):
        if not found:
            continue
        claims = frozenset(c for c in _coverage(name) if c >= 0x250 and c not in taken
                           and (c in only if only is not None else c not in fallback_fonts.SHAPED))
        if any(not chr(c).isspace() for c in claims):
            out.append((name, claims))
            taken = taken | claims
    return tuple(out)


@functools.cache
def _fallback_names() -> tuple[str, ...]:
    return tuple(name for name, _ in _fallbacks())


@functools.cache
def _coverage(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    return getattr(font, "covered", None) or frozenset(font.face.charToGlyph)


def font_for(char: str) -> str:
    """The font that has this character: DejaVu first, then CJK, then the Thai fallback (Thai and Lao only: a
    script that needs shaping is never drawn glyph by glyph); DejaVu (a visible box) when none has it."""
    code = ord(char)
    if code < 0x250 or code in _coverage(SANS):
        return SANS
    for name, claims in _fallbacks():
        if code in claims:
            return name
    return SANS


def boxed(char: str) -> bool:
    """Whether the PDF draws this character as an empty box: no font it uses has it (font_for leaves it to DejaVu,
    which lacks it). What DejaVu draws as nothing (the controls, the directional isolates) is no box."""
    code = ord(char)
    return code >= 0x250 and code not in _coverage(SANS) and font_for(char) == SANS


def outside_sans() -> re.Pattern:
    """A character DejaVu Sans has no glyph for (one of them: a fallback font's, or a box)."""
    return _outside_sans()


_BEYOND_LATIN = re.compile("[^\x00-\u024f]")  # characters that font_for must look up; all below are DejaVu's


def runs(text: str) -> Iterator[tuple[str, str]]:
    """Split text into (font name, chunk) runs of the same font, in drawing order (`visual`: right-to-left runs
    reversed): each character in font_for's font, a space in the font of the character before it where that font
    has it (`_spaces`), else in DejaVu (so too at the start)."""
    if _BEYOND_LATIN.search(text):
        text = visual(text)
    return _font_runs(text)


def unhyphenated(text: str) -> str:
    """`text` without its soft hyphens, for a line drawn whole (a running header, a drawing's label), where they
    mark no break yet print as hyphens: a site named 'Bahn' SHY 'hof' printed 'Bahn-hof'."""
    return text.replace(SHY, "") if SHY in text else text


def _font_runs(text: str) -> Iterator[tuple[str, str]]:
    """`runs` of a text already in drawing order."""
    if not _BEYOND_LATIN.search(text) or not _outside_sans().search(text) or not _fallbacks():
        if text:  # the common case, checked in C: one DejaVu run
            yield SANS, text
        return
    yield from _split(text, _run())


def needs_fallback(text: str) -> bool:
    """Whether some character of the text prints in a fallback font (font_for: DejaVu lacks it, CJK or Thai has it),
    or the text holds right-to-left letters (drawn in another order: `visual`): either way it goes through `runs` or
    `markup`, never drawn as it is stored."""
    if not _BEYOND_LATIN.search(text):
        return False
    if has_rtl(text):
        return True
    if not _outside_sans().search(text) or not _fallbacks():
        return False
    return _claimed().search(text) is not None


def sans_only(text: str) -> bool:
    """Whether every character of the text prints in DejaVu (none needs a fallback font, `font_for`)."""
    if not _BEYOND_LATIN.search(text) or not _outside_sans().search(text) or not _fallbacks():
        return True
    return _claimed().search(text) is None


@functools.cache
def _outside_sans() -> re.Pattern:
    """The characters DejaVu Sans has no glyph for, as one character class (searched in C: a table of a thousand
    rows holds ten thousand texts, en dashes and arrows included)."""
    return re.compile("[^\x00-\u024f" + char_class(c for c in _coverage(SANS) if c >= 0x250) + "]")


@functools.cache
def _classes() -> tuple[str, ...]:
    """For each fallback font (`_fallbacks`), the characters font_for prints in it, spaces left out, as the body of a
    character class."""
    return tuple(char_class(c for c in claims if not chr(c).isspace()) for _, claims in _fallbacks())


@functools.cache
def _claimed() -> re.Pattern:
    """A character font_for prints in a fallback font, a space among them too (needs_fallback)."""
    return re.compile(f"[{char_class(frozenset().union(*(claims for _, claims in _fallbacks())))}]")


@functools.cache
def _chars() -> re.Pattern:
    """Characters of one fallback font: a group per font, in the order of `_fallbacks`."""
    return re.compile("|".join(f"([{body}]+)" for body in _classes()))


@functools.cache
def _run() -> re.Pattern:
    """A run of runs(): a character of a fallback font, then more of that font's and spaces (`_spaces`); a group per
    font, in the order of `_fallbacks`."""
    return re.compile("|".join(f"([{body}][{body}{_spaces(name)}]*)"
                               for (name, _), body in zip(_fallbacks(), _classes(), strict=True)))


@functools.cache
def _mono_run(face: str) -> re.Pattern:
    """A run of mono_runs() in the mono font: characters it has, and spaces (`_spaces`)."""
    return re.compile(f"[{char_class(_coverage(face))}{_spaces(face)}]+")


@functools.cache
def _spaces(font_name: str) -> str:
    """The spaces (str.isspace) a run in this font takes in, as the body of a character class: those it has, and
    those DejaVu lacks too. A space DejaVu has and the font lacks is left to DejaVu: a thin or a narrow no-break
    space between two Thai words of a site's name was drawn in the Thai font, which has none, as a box."""
    covered, sans = _coverage(font_name), _coverage(SANS)
    return char_class(c for c in range(0x3001) if chr(c).isspace() and (c in covered or c not in sans))


def markup(text: object, stored_order: bool = False, prose: bool = False) -> str:
    """User text as Paragraph markup: escaped (R&D <lab> prints literally), CJK and Thai runs in their fonts,
    right-to-left runs in drawing order (`visual`; `stored_order`: left in stored order with their letters joined,
    for a `paragraphs.Para` that orders each of its lines; `prose`: so too, marked for a `Para` of our own prose that
    orders the text's part on each of its lines, `visual.marked`); a word with dozens of soft hyphens loses them
    (`word_breaks.fewer_soft_hyphens`), and so does a text for prose or in two fonts; a word drawn with no width is joined to
    its neighbour (`word_breaks.glued`)."""
    text = fewer_soft_hyphens(str(text))
    if prose or SHY in text and needs_fallback(text):
        # a paragraph of several fragments (prose, two fonts): reportlab's breaking of one left the rest of a long
        # word after its soft hyphen unsplit (a cell's line 190 points past its column), and drew the spaces
        # around a word of soft hyphens alone without measuring them; such a word breaks like any long word
        text = unhyphenated(text)
    text = glued(text, _faces(text))
    if not needs_fallback(text):
        return escape(text)
    # Hebrew and Arabic names
    text = marked(text) if prose else joined(text) if stored_order else visual(text)
    return "".join(escape(chunk) if font == SANS else f'<font name="{font}">{escape(chunk)}</font>'
                   for font, chunk in _font_runs(text))


def _faces(text: str) -> tuple[str, ...]:
    """The faces that may draw `text`, whose characters of no width `glued` joins to a neighbouring word: DejaVu, and
    the fallback fonts where the text holds a character DejaVu lacks (a Thai vowel or tone mark is drawn with none in
    the Thai font: a name of a hundred of them, each a word of its own, ran its line off the page)."""
    if not _BEYOND_LATIN.search(text) or not _outside_sans().search(text):
        return (SANS, SANS_BOLD)
    return (SANS, SANS_BOLD, *_fallback_names())


def string_width(text: str, size: float, bold: bool = False) -> float:
    """Width of a plain string drawn with run-level font switching."""
    base = SANS_BOLD if bold else SANS
    if not _BEYOND_LATIN.search(text):  # one DejaVu run (runs' common case), without the generator
        return pdfmetrics.stringWidth(text, base, size) if text else 0
    if has_rtl(text) and sans_only(text) and _uneven_mirrors().search(text) is None:
        # Hebrew or Arabic in DejaVu alone: the width of its joined letters, in whatever order they are drawn (each
        # glyph's width a multiple of 1/2048 em, so the sum is exact in any order), without ordering it
        return pdfmetrics.stringWidth(joined(text), base, size)
    # measured as drawn (`runs`): Arabic letters in their joined forms
    return sum(pdfmetrics.stringWidth(chunk, base if font == SANS else font, size) for font, chunk in runs(text))


@functools.cache
def _uneven_mirrors() -> re.Pattern:
    """The characters whose mirrored glyph (drawn at a right-to-left level, `visual`) is wider or narrower than
    their own in DejaVu Sans or its bold (a few mathematical signs; brackets mirror to their own width)."""
    from bidi.mirror import MIRRORED

    uneven = {a for a, b in MIRRORED.items() for face in (SANS, SANS_BOLD)
              if pdfmetrics.stringWidth(a, face, 1000) != pdfmetrics.stringWidth(b, face, 1000)}
    return re.compile("[" + "".join(sorted(map(re.escape, uneven))) + "]") if uneven else re.compile("(?!)")
