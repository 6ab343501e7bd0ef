"""Output to a console whose encoding lacks a character: the sense in ASCII, never an encoding error."""

from __future__ import annotations


def test_a_console_without_a_sign_gets_its_ascii_sense():
    import advisor.cli._common  # noqa: F401  (registers the error handlers)

    # cp1252 has the en dash (0x96) but not ≥, → or CJK
    assert "≥ 5 → x – 日本".encode("cp1252", "advisor-replace") == b">= 5 -> x \x96 ??"
    assert "≥ 5 日本".encode("cp1252", "advisor-backslash") == b">= 5 \\u65e5\\u672c"
