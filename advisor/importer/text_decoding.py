"""Telling what a site list's bytes are (`check_kind`: not a PDF, an old workbook or a design file) and how a CSV
file's are written: UTF-8 with or without a byte-order mark, UTF-16 or UTF-32 with or without one, else
Windows-1252."""

from __future__ import annotations

import re

from advisor.importer.read_types import ReadError


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """(text, how it was read): UTF-8 (a byte-order mark is dropped), UTF-16 or UTF-32 with a byte-order mark
    (Excel's 'Unicode text' is UTF-16), else Windows-1252 (what Excel writes on Western European Windows). A NUL
    character refuses the file, however it is written: read from UTF-16, UTF-32 or UTF-8 with a byte-order mark,
    it went into a site's name, while a NUL byte in plain UTF-8 refused the file."""
    text, how = _decoded(data, name)
    nul = text.find("\x00")
    if nul >= 0:
        raise ReadError(f"{name}: not a text file (a NUL character at character {nul:,}, read as {how}); import "
                        "takes CSV or XLSX")
    return text, how


def _decoded(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with a byte-order mark"
        except UnicodeDecodeError as exc:
            raise ReadError(f"{name}: starts as UTF-8 but is not valid UTF-8 at byte {exc.start + 4:,}") from None
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return data.decode("utf-32"), "UTF-32"
        except UnicodeDecodeError as exc:
            raise ReadError(f"{name}: starts as UTF-32 but is not valid UTF-32 at byte {exc.start + 1:,}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise ReadError(f"{name}: starts as UTF-16 but is not valid UTF-16 at byte {exc.start + 1:,}") from None
    for guess, width in ((_utf32_without_bom, "UTF-32"), (_utf16_without_bom, "UTF-16")):
        bare = guess(data)
        if bare:
            try:
                return data.decode(bare), f"{width} ({'little' if bare.endswith('le') else 'big'}-endian, " \
                                          "without a byte-order mark)"
            except UnicodeDecodeError:
                pass
    nul = data.find(b"\x00")
    if nul >= 0:  # anywhere: a NUL past the first few kB was read into a site's name
        raise ReadError(f"{name}: not a text file (a NUL byte at byte {nul + 1:,}); import takes CSV or XLSX")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252 (not UTF-8)"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252, with undecodable bytes shown as \ufffd"


def _utf16_without_bom(data: bytes) -> str:
    """'utf-16-le' or 'utf-16-be' for text in UTF-16 without a byte-order mark (Western text: nine in ten of every
    other byte of its first 4 kB NUL, and the whole decodes), else ''. Every other byte had to be NUL and none of
    the others: one 'ō' (U+014D) or 'Ā' (U+0100) in a name and the file was refused as "a NUL byte at byte 2". A
    NUL character in the text is refused afterwards, by its place (`decode_text`)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return ""
    even, odd = sample[0::2], sample[1::2]
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) >= 0.9 * len(high) and low.count(0) < len(low):
            try:
                data.decode(codec)
            except UnicodeDecodeError:  # a lone surrogate: not UTF-16 after all
                continue
            return codec
    return ""


def _utf32_without_bom(data: bytes) -> str:
    """'utf-32-le' or 'utf-32-be' for text in UTF-32 without a byte-order mark (its first kB: each group of four
    bytes a character, none of them NUL), else ''. It was refused as "not a text file (a NUL byte at byte 1)", while
    UTF-32 with a byte-order mark was read."""
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 4:
        return ""
    for order in ("little", "big"):
        points = [int.from_bytes(sample[i:i + 4], order) for i in range(0, len(sample), 4)]
        if all(0 < p <= 0x10FFFF and not 0xD800 <= p <= 0xDFFF for p in points):
            return f"utf-32-{order[0]}e"
    return ""


def check_kind(data: bytes, name: str) -> None:
    """Refuse, with a message saying what the file is, the files that are neither XLSX nor text."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(f"{name}: an Excel 97–2003 workbook (.xls) or a password-protected one; save it as .xlsx "
                        "(without a password) or as CSV")
    if data.startswith(b"%PDF"):
        raise ReadError(f"{name}: a PDF, not a site list; import takes CSV or XLSX")
    text = data.removeprefix(b"\xef\xbb\xbf").strip()
    if re.match(rb'\{\s*("|\})', text) and text.endswith(b"}"):  # "no header row found in sheet 'design'"
        if re.search(rb'"(schema_version|sites|links)"\s*:', text[:1 << 20]):
            raise ReadError(f"{name}: a design file, not a site list: open it as it is (in the app, or with "
                            "advisor check); import takes CSV or XLSX")
        raise ReadError(f"{name}: JSON text, not a site list; import takes CSV or XLSX")
