"""Loading a damaged design names the problem in words, never in Python's ("Expecting value", "invalid start
byte")."""

import pytest

from advisor import io


@pytest.mark.parametrize("content, words", [
    (b"", "the file is empty"),
    (b"   \n", "the file is empty"),
    (b'{"name": "x",', "the file ends too early"),
    (b'{"name": "x" "b": 1}', "a comma is missing between two items"),
    (b'{"name": "x"} trailing', "more text after the end of the design"),
    (b'{"name": "x\x01"}', "control character"),
    (b'{"name": }', "a value is missing here"),
    (b"\x81\x82abc", "binary file or another format"),
])
def test_damaged_files_in_words(tmp_path, content, words):
    path = tmp_path / "d.json"
    path.write_bytes(content)
    with pytest.raises(io.DesignFileError) as info:
        io.load(path)
    text = str(info.value)
    assert words in text and str(path) in text
    for python_words in ("Expecting", "invalid start byte", "delimiter", "Extra data"):
        assert python_words not in text


@pytest.mark.parametrize("field, value, words", [("capacity_kbps", "true", "must be a number"),
                                                ("capacity_kbps", "[]", "must be a number"),
                                                ("capacity_kbps", '"2048"', "must be a number"),
                                                ("rtt_ms", "null", "must be a number")])
def test_wrong_types_in_words(tmp_path, field, value, words):
    path = tmp_path / "d.json"
    path.write_text('{"schema_version": 1, "sites": [{"id": "a"}, {"id": "b"}], '
                    f'"links": [{{"id": "l", "a": "a", "b": "b", "{field}": {value}}}]}}')
    with pytest.raises(io.DesignFileError, match=f"links\\[0\\].{field}: {words}"):
        io.load(path)
