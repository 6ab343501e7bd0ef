"""Finding the system fonts the PDF falls back to for the characters the bundled DejaVu Sans lacks: a CJK font, then
a Thai one (`fonts.font_for` asks them in that order).

Each is found the same way: the file an environment variable names (ADVISOR_CJK_FONT, ADVISOR_FALLBACK_FONT), then
the TrueType files fontconfig lists for the language (`fc-list :lang=zh`, `:lang=th`), then a few known paths.
reportlab embeds TrueType outlines only (.ttf, .ttc): an OpenType font of CFF outlines (.otf) is passed over, as
is a damaged file or one no font could be (`MAX_FONT_BYTES`).

Only scripts that print correctly glyph by glyph go to the Thai fallback: Thai and Lao (`UNSHAPED`), whose vowel
and tone marks are glyphs of no width that their outlines place over or under the letter before them (DejaVu has
most Lao letters itself; the fallback prints only those it lacks). Scripts whose letters change shape or order
with their neighbours (Devanagari, Bengali, Tamil and the other Indic scripts, Sinhala, Tibetan, Khmer, Myanmar …)
need a shaping engine, which reportlab lacks: drawn glyph by glyph their vowel signs would stand on the wrong side
of the letters and their conjuncts fall apart, a name misread rather than a name missing. They stay in DejaVu as
boxes (copied out of the PDF as written), even when the fallback font has their glyphs.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont

# Checked in order when fc-list is missing or finds nothing; TTC files use subfont 0.
CJK_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)
THAI_CANDIDATES = (
    "/usr/share/fonts/truetype/tlwg/Loma.ttf",  # Debian and Ubuntu: fonts-tlwg-loma-ttf
    "/usr/share/fonts/truetype/tlwg/Garuda.ttf",  # fonts-tlwg-garuda-ttf
    "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
    "/usr/share/fonts/google-noto/NotoSansThai-Regular.ttf",
    "/System/Library/Fonts/Supplemental/Ayuthaya.ttf",
    "C:/Windows/Fonts/LeelawUI.ttf",
    "C:/Windows/Fonts/tahoma.ttf",
)

UNSHAPED = frozenset(range(0x0E00, 0x0F00))  # Thai and Lao: what the Thai fallback may print
# The blocks of scripts that need shaping, which no fallback prints, not even a font named for CJK that has them
# (a font of every script): Devanagari to Sinhala, Tibetan, Myanmar, Khmer, Mongolian, Limbu to Balinese, the
# Indic extensions and Sundanese to Batak, Javanese, Meetei Mayek and the Arabic and Syriac supplements DejaVu lacks.
SHAPED = frozenset().union(*(range(a, b) for a, b in (
    (0x0900, 0x0E00), (0x0F00, 0x10A0), (0x1780, 0x18B0), (0x1900, 0x1B80), (0x1B80, 0x1C50), (0xA800, 0xA830),
    (0xA8E0, 0xA900), (0xA980, 0xA9E0), (0xAA00, 0xAA60), (0xAAE0, 0xAB00), (0xABC0, 0xAC00))))

# reportlab reads a font file whole before it looks at it: ADVISOR_CJK_FONT naming a 3 GB file took 3.2 GB and 15 s
# (the memory of a smaller machine) before the file was found to be no font. The largest CJK TrueType fonts are
# some 30 MB; a file beyond this is skipped unread, as a damaged one is.
MAX_FONT_BYTES = 128 * 1024 * 1024

_STYLED = re.compile(r"bold|italic|oblique|light|thin|black|heavy|medium|condensed|narrow|mono", re.IGNORECASE)


# The least a font file holds: its header and one table's entry. The system's own files (/proc) say they hold
# nothing, whatever reading them gives: /proc/kmsg, named by ADVISOR_FALLBACK_FONT, held the report for ever.
MIN_FONT_BYTES = 12 + 16


def font_file(path: str) -> bool:
    """Whether `path` is a regular file whose size is one a font could have."""
    try:
        return Path(path).is_file() and MIN_FONT_BYTES <= os.stat(path).st_size <= MAX_FONT_BYTES
    except (OSError, ValueError):  # a name the system refuses (a NUL in the variable, too long)
        return False


def system_fonts(lang: str) -> list[str]:
    """The TrueType files fontconfig lists for a language, by path."""
    try:
        out = subprocess.run(["fc-list", f":lang={lang}", "file"], capture_output=True, text=True, timeout=5,
                             check=False).stdout
        found = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    except (OSError, subprocess.SubprocessError):
        found = []
    # Only TrueType outlines can be embedded by reportlab; OpenType/CFF (.otf) cannot.
    return [p for p in found if p.lower().endswith((".ttf", ".ttc"))]


def cjk_paths() -> list[str]:
    """Where the CJK fallback is looked for, in order."""
    env = os.environ.get("ADVISOR_CJK_FONT")
    return [*([env] if env else []), *system_fonts("zh"), *CJK_CANDIDATES]


def thai_paths() -> list[str]:
    """Where the Thai fallback is looked for, in order: the known sans-serif faces first (fontconfig lists a set's
    serif and handwriting faces beside them, by name: Kinnari or Purisa could come first), then the regular upright
    faces fontconfig lists before its bold, oblique and monospaced ones (beside DejaVu's regular text they would
    stand out)."""
    env = os.environ.get("ADVISOR_FALLBACK_FONT")
    found = sorted(system_fonts("th"), key=lambda p: (_STYLED.search(Path(p).name) is not None, p))
    return list(dict.fromkeys([*([env] if env else []), *THAI_CANDIDATES, *found]))


def first_font(paths: Iterable[str], make: Callable[[str], TTFont],
               useful: Callable[[TTFont], bool] = lambda _font: True) -> TTFont | None:
    """The first of `paths` that reads as a font (`make`) with something to print (`useful`), or None."""
    for path in paths:
        if not font_file(path):
            continue
        try:
            font = make(path)
        except Exception:  # noqa: BLE001 - CFF-flavoured or damaged files are skipped, never fatal
            continue
        if useful(font) and glyphs_sound(font):
            return font
    return None


# The flags of a composite glyph's component (the TrueType 'glyf' table), as reportlab's subsetting reads them.
_MORE, _WORDS, _SCALE, _XY_SCALE, _TWO_BY_TWO = 1 << 5, 1 << 0, 1 << 3, 1 << 6, 1 << 7


def glyphs_sound(font: TTFont) -> bool:
    """Whether every glyph the font's characters name can be copied into the PDF: reportlab reads a glyph's
    outline only when it embeds the font, after the whole document is laid out, so a file whose glyph table is
    damaged (an offset past its end, a composite glyph made of glyphs the font has not) parsed as a font, then
    failed the report at its last step. Each glyph's place is checked, and the parts of each composite one, as the
    embedding follows them; the outlines themselves are not read."""
    face = font.face
    try:
        data = face._ttf_data
        start, length = face.get_table_pos("glyf")
        places = face.glyphPos
        count = len(places) - 1
        if start + length > len(data) or len(face.hmetrics) < count:
            return False
        todo = sorted(set(face.charToGlyph.values()) | {0})
        seen = set(todo)
        while todo:
            glyph = todo.pop()
            if not 0 <= glyph < count:
                return False
            begin, end = places[glyph], places[glyph + 1]
            if not 0 <= begin <= end <= length:
                return False
            if end - begin < 2 or struct.unpack_from(">h", data, start + begin)[0] >= 0:
                continue  # empty, or a simple glyph: copied as it is
            pos, flags = begin + 10, _MORE
            while flags & _MORE:
                if pos + 4 > end:
                    return False
                flags, part = struct.unpack_from(">HH", data, start + pos)
                pos += 4 + (4 if flags & _WORDS else 2)
                pos += 2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
                if part not in seen:
                    seen.add(part)
                    todo.append(part)
        return True
    except (AttributeError, KeyError, IndexError, struct.error):
        return False
