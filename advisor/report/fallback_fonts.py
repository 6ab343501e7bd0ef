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

# reportlab reads a font file whole before it looks at it: ADVISOR_CJK_FONT naming a 3 GB file took 3.2 GB and 15 s
# (the memory of a smaller machine) before the file was found to be no font. The largest CJK TrueType fonts are
# some 30 MB; a file beyond this is skipped unread, as a damaged one is.
MAX_FONT_BYTES = 128 * 1024 * 1024

_STYLED = re.compile(r"bold|italic|oblique|light|thin|black|heavy|medium|condensed|narrow|mono", re.IGNORECASE)


def font_file(path: str) -> bool:
    """Whether `path` is a regular file small enough to be read as a font."""
    try:
        return Path(path).is_file() and os.stat(path).st_size <= MAX_FONT_BYTES
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
    """Where the Thai fallback is looked for, in order: the regular upright faces fontconfig lists before its bold,
    oblique and monospaced ones (beside DejaVu's regular text they would stand out)."""
    env = os.environ.get("ADVISOR_FALLBACK_FONT")
    found = sorted(system_fonts("th"), key=lambda p: (_STYLED.search(Path(p).name) is not None, p))
    return list(dict.fromkeys([*([env] if env else []), *found, *THAI_CANDIDATES]))


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
        if useful(font):
            return font
    return None
