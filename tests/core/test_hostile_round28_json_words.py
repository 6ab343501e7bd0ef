"""Hostile input, round 28: a design file holding a character JSON never takes where the parser stopped.

The parser's own words pointed elsewhere: a design edited in a word processor (“typographic quotes”), a no-break
space or a zero-width space pasted between two fields, a comment, or a NUL byte all read "a field name in double
quotes is expected here (a comma too many before a closing brace?)" or "a value is missing here". A NUL byte first
made the file read as UTF-16 (JSON's rule for a first byte 0) and the message quoted a Chinese character. Each now
names the character and what to do.
"""

from __future__ import annotations

import pytest

from advisor import io


def _message(content: bytes) -> str:
    with pytest.raises(io.DesignFileError) as info:
        io.parse(content, "d.json")
    return str(info.value)


@pytest.mark.parametrize("content, message", [
    ('{“name”: “x”}'.encode(), "d.json: not valid JSON at line 1, column 2: a typographic quote (“, U+201C) where JSON "
                               "needs a straight double quote (\"): was the file edited in a word processor?"),
    ('{"name":\u00a0"x"}'.encode(), "d.json: not valid JSON at line 1, column 9: an invisible character (no-break "
                                    "space, U+00A0) where only spaces, tabs and line breaks may stand"),
    ('{"name": "x",\u200b"notes": ""}'.encode(), "d.json: not valid JSON at line 1, column 14: an invisible character "
                                                 "(zero width space, U+200B) where only spaces, tabs and line "
                                                 "breaks may stand"),
    (b'// saved by hand\n{"name": "x"}', "d.json: not valid JSON at line 1, column 1: a comment: JSON has no comments"),
    (b"{'name': 'x'}", "d.json: not valid JSON at line 1, column 2: a single quote ('): JSON writes field names and "
                       "texts in double quotes (\")"),
    (b'{"name": \x01"x"}', "d.json: not valid JSON at line 1, column 10: a control character (U+0001): the file "
                           "holds binary data or is not a text file"),
    (b'{"users": \xd9\xa1}', "d.json: not valid JSON at line 1, column 11: an unexpected character '\u0661' (U+0661) "
                             "where JSON text is expected"),
])
def test_a_character_json_never_takes_is_named(content, message):
    assert _message(content) == message


def test_a_right_to_left_override_is_named_not_written_into_the_message():
    message = _message('{"name":\u202e"x"}'.encode())
    assert "\u202e" not in message and "(right-to-left override, U+202E)" in message


def test_a_nul_byte_first_is_a_nul_byte_not_utf16():
    assert _message(b'\x00{"name": "x"}') == ("d.json: not valid JSON at line 1, column 1: a control character "
                                              "(U+0000, a NUL byte): the file holds binary data or is not a text file")


def test_utf16_without_a_byte_order_mark_is_still_read():
    text = '{"schema_version": 1, "name": "Zürich"}'
    for encoding in ("utf-16-le", "utf-16-be"):
        assert io.parse(text.encode(encoding), "d.json").name == "Zürich"


def test_the_parsers_words_stay_where_they_say_it():
    assert _message(b'{"name": "x",}').endswith("a field name in double quotes is expected here (a comma too many "
                                               "before a closing brace?)")
    assert _message(b'{"name": "x" "notes": ""}').endswith("a comma is missing between two items")
