"""Standard output and error that write whatever their encoding can take: a sign the console lacks becomes its
ASCII sense, a character it cannot show '?' (stdout) or its escape (stderr), an undecodable byte of a file name
U+FFFD, as every message shows it. Importing this module registers the two error handlers."""

from __future__ import annotations

import codecs
import sys


def is_utf8(stream) -> bool:
    """Whether `stream` writes UTF-8 (a Windows console or a file redirected in cp1252 does not)."""
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


# What a console without these characters (Windows' cp1252, say) shows instead: the sense, in ASCII.
_ASCII = {"≥": ">=", "≤": "<=", "≠": "!=", "≈": "~", "→": "->", "←": "<-", "↔": "<->", "−": "-", "–": "-",
          "—": "-", "…": "...", "×": "x", "÷": "/", "·": "*", "√": "sqrt", "‘": "'", "’": "'", "“": '"', "”": '"',
          "₀": "0", "₁": "1", "₂": "2", "µ": "u", "°": " deg", "\u00a0": " ", "\u202f": " "}


def _fallback(otherwise):
    def handler(err: UnicodeError):
        text = err.object[err.start:err.end]
        if isinstance(err, UnicodeEncodeError) and any("\ud800" <= ch <= "\udfff" for ch in text):
            # a lone surrogate (an undecodable byte of a file name) as U+FFFD, as every message shows it
            # (`io_errors.no_surrogates`; '\\udcff' on stderr, '?' on stdout before); bytes, as the UTF-8 encoder
            # takes nothing but ASCII text from a handler
            shown = ("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)
            return b"".join(_encoded(ch, err.encoding, otherwise) for ch in shown), err.end
        return "".join(_ASCII.get(ch) or otherwise(ch) for ch in text), err.end
    return handler


def _encoded(ch: str, encoding: str, otherwise) -> bytes:
    try:  # UTF-16 and UTF-32 without the byte-order mark each .encode() would put before the character
        if codecs.lookup(encoding).name in ("utf-16", "utf-32"):
            encoding += "-le" if sys.byteorder == "little" else "-be"
    except LookupError:
        pass
    try:
        return ch.encode(encoding)
    except UnicodeError:
        return (_ASCII.get(ch) or otherwise(ch)).encode(encoding)


codecs.register_error("advisor-replace", _fallback(lambda ch: "?"))
codecs.register_error("advisor-backslash", _fallback(lambda ch: ch.encode("ascii", "backslashreplace").decode()))


def setup_streams() -> None:
    """Make stdout and stderr write whatever their encoding can take: a sign the console lacks becomes its ASCII
    sense ('≥' → '>='), a name it cannot show '?' (stdout) or a \\x escape (stderr), instead of a
    UnicodeEncodeError."""
    for stream, errors in ((sys.stdout, "advisor-replace"), (sys.stderr, "advisor-backslash")):
        reconfigure = getattr(stream, "reconfigure", None)
        # stderr's own "backslashreplace" too: it wrote an undecodable byte of a file name as '\\udcff'
        if reconfigure is not None and getattr(stream, "errors", None) in ("strict", "surrogateescape",
                                                                           "backslashreplace"):
            try:
                reconfigure(errors=errors)
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot change
                pass


def to_stderr(line: str) -> None:
    """A line for the user on stderr (a note, a warning, what was written): when stderr cannot take it (`2>/dev/full`)
    the command's work and its output stand. `calc --gre-key --vpn ipsec 2>/dev/full` ended in an "unexpected
    internal error" before it printed its figures; a closed stderr (`2>&-`) was passed over already."""
    try:
        print(line, file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
