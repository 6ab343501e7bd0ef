"""Where a file goes wrong, said as people count: bytes and columns from 1, and positions of 1,000 and more grouped
as every other figure ('line 1, column 2,001'), in design files and in site lists alike."""

from __future__ import annotations

import pytest

from advisor import io
from advisor.importer.text_decoding import ReadError, _decoded


def test_a_json_error_far_along_a_line_is_grouped():
    # 10 characters, 1,990 x's, the closing quote and a space: the quote of "sites", where a comma belongs, is the
    # 2,003rd character
    text = '{"name": "' + "x" * 1990 + '" "sites": []}'
    with pytest.raises(io.DesignFileError) as info:
        io.parse(text, "d.json")
    assert "line 1, column 2,003" in str(info.value)


def test_a_byte_in_another_encoding_far_in_is_grouped():
    raw = ('{"name": "' + "x" * 1990 + '\u00fc"}').encode("latin-1")  # 'ü' as the byte FC, byte 10 + 1,990 + 1
    with pytest.raises(io.DesignFileError) as info:
        io.parse(raw, "d.json")
    assert "not valid UTF-8 text at byte 2,001 (0xFC" in str(info.value)


def test_a_site_lists_broken_utf16_is_placed_from_byte_one_and_grouped():
    data = "Site Name,Users\n".encode("utf-16") + "A,1\n".encode("utf-16-le") * 300 + b"\x00\xd8"  # a lone surrogate
    with pytest.raises(ReadError) as info:
        _decoded(data, "sites.csv")
    # the BOM (2 bytes), 16 characters (32 bytes), 300 rows of 4 characters (2,400 bytes): the bad pair starts at
    # the 2,435th byte
    assert "not valid UTF-16 at byte 2,435" in str(info.value)


def test_a_nul_first_is_at_byte_one():
    with pytest.raises(ReadError) as info:
        _decoded(b"\x00Site Name,Users\n", "sites.csv")
    assert "a NUL byte at byte 1)" in str(info.value)
