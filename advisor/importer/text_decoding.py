"""Telling how a CSV file's bytes are written: UTF-8 with or without a byte-order mark, UTF-16 or UTF-32 with one,
UTF-16 without one, else Windows-1252."""

from __future__ import annotations

from advisor.importer.read_types import ReadError


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """(text, how it was read): UTF-8 (a byte-order mark is dropped), UTF-16 or UTF-32 with a byte-order mark
    (Excel's 'Unicode text' is UTF-16), else Windows-1252 (what Excel writes on Western European Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with a byte-order mark"
        except UnicodeDecodeError as exc:
            raise ReadError(f"{name}: starts as UTF-8 but is not valid UTF-8 at byte {exc.start + 3}") from None
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        try:
            return data.decode("utf-32"), "UTF-32"
        except UnicodeDecodeError as exc:
            raise ReadError(f"{name}: starts as UTF-32 but is not valid UTF-32 at byte {exc.start}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise ReadError(f"{name}: starts as UTF-16 but is not valid UTF-16 at byte {exc.start}") from None
    bare = _utf16_without_bom(data)
    if bare:
        try:
            return data.decode(bare), f"UTF-16 ({'little' if bare.endswith('le') else 'big'}-endian, without a " \
                                      "byte-order mark)"
        except UnicodeDecodeError:
            pass
    nul = data.find(b"\x00")
    if nul >= 0:  # anywhere: a NUL past the first few kB was read into a site's name
        raise ReadError(f"{name}: not a text file (a NUL byte at byte {nul:,}); import takes CSV or XLSX")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252 (not UTF-8)"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252, with undecodable bytes shown as \ufffd"


def _utf16_without_bom(data: bytes) -> str:
    """'utf-16-le' or 'utf-16-be' for text in UTF-16 without a byte-order mark (Western text: every other byte of
    its first kB NUL, the others not), else ''."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return ""
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) == len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) == len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return ""
