"""Round 53, hostile design files (core).

- A field name that is not a plain name was shown as it is in the messages: an empty name gave
  "invalid design: is not a known field" (no field at all), "sites[0]" at the top level "sites[0]: is not a known
  field" (as if the site were unknown), "a.b" read as a path and " " as nothing. Such a name is now quoted
  ("sites[0]": …, sites[0]."": …), in the unknown-field message and in the one for a name given twice.
- A design PDF cut inside its attachment, with "%%EOF" after the cut (a copy finished by another tool), lost the
  name "design.json" written after the stream and was "a PDF that carries no design (only PDFs made by advisor
  do)". An attachment whose dictionary says JSON (as advisor writes it) and does not inflate is now damage.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor import io

EXAMPLE_PDF = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.pdf"


@pytest.mark.parametrize(("text", "expected"), [
    ('{"schema_version": 1, "": 1}', 'invalid design: "": is not a known field'),
    ('{"schema_version": 1, "sites": [{"id": "a", "": 1}]}', 'invalid design: sites[0]."": is not a known field'),
    ('{"schema_version": 1, "vpn": {" ": 1}}', 'invalid design: vpn." ": is not a known field'),
    ('{"schema_version": 1, "sites[0]": 1}', 'invalid design: "sites[0]": is not a known field'),
    ('{"schema_version": 1, "a.b": 1}', 'invalid design: "a.b": is not a known field'),
    ('{"schema_version": 1, "": 1, "": 2}', 'invalid design: "": is given twice'),
    ('{"schema_version": 1, "vpn": {"a.b": 1, "a.b": 2}}', 'invalid design: vpn."a.b": is given twice'),
])
def test_an_odd_field_name_is_quoted(text, expected):
    with pytest.raises(io.DesignFileError) as info:
        io.parse(text, "d.json")
    assert f"d.json: {expected}" in str(info.value)


@pytest.mark.parametrize("text", ['{"schema_version": 1, "Users": 1}', '{"schema_version": 1, "vpn": {"hub": 1}}'])
def test_a_plain_field_name_stays_unquoted(text):
    with pytest.raises(io.DesignFileError) as info:
        io.parse(text, "d.json")
    assert '"' not in str(info.value)


def _stream(pdf: bytes) -> tuple[int, int]:
    """Where the design attachment's stream begins in `pdf`, and its stated length."""
    dictionary = re.search(rb"/Type\s*/EmbeddedFile", pdf).start()
    length = re.compile(rb"/Length\s+(\d+)").search(pdf, pdf.rfind(b" obj", 0, dictionary))
    return pdf.find(b"stream", dictionary) + len(b"stream\n"), int(length.group(1))


@pytest.mark.parametrize("share", [0.0, 0.25, 0.5, 0.99])
def test_a_pdf_cut_inside_its_attachment_then_ended_is_damaged(tmp_path, share):
    pdf = EXAMPLE_PDF.read_bytes()
    begin, length = _stream(pdf)
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdf[:begin + int(length * share)] + b"\n%%EOF\n")
    with pytest.raises(io.DesignFileError) as info:
        io.load(path)
    assert "damaged where the design is attached" in str(info.value)  # was "carries no design"
