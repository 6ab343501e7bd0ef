"""Round 28 leftovers in reading files: sizes said in one unit, and a PDF made by advisor whose attached design no
longer reads is called damaged, not "a PDF with no design"."""

from __future__ import annotations

import json
import re
import zlib

import pytest

from advisor import io
from advisor.io import megabytes
from advisor.model import Design, Site


def test_a_size_and_its_limit_are_said_in_the_same_megabytes():
    # 210 × 2^20 bytes beside the 64 × 2^20 limit: it read "220 MB" (10^6 bytes) beside "64 MB" (2^20)
    assert megabytes(210 * 2**20, 64 * 2**20) == ("210 MB", "64 MB")
    assert megabytes(68_000_000, 64 * 2**20) == ("65 MB", "64 MB")  # 68,000,000 / 1,048,576 = 64.85
    # just over the limit: as many decimals as it takes to read above it, the limit rounded down
    assert megabytes(64 * 2**20 + 1, 64 * 2**20) == ("64.1 MB", "64.0 MB")
    assert megabytes(4_000_001, 4_000_000) == ("3.9 MB", "3.8 MB")  # 3.8147 MB: up and down to one decimal


def test_a_file_over_the_limit_is_refused_in_those_words(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as fh:
        fh.truncate(70 * 2**20)  # sparse: no disk used
    with pytest.raises(io.DesignFileError) as info:
        io.load(big)
    assert str(info.value).endswith("70 MB is too large for a design file (at most 64 MB)")


def _our_pdf() -> bytes:
    from advisor.analysis import analyse
    from advisor.report import build_pdf

    design = Design(name="Cut short", sites=(Site(id="hq", users=10, cucm_publisher=True),))
    return build_pdf(design, analyse(design, checklist=True))


def test_a_pdf_whose_attached_design_is_cut_short_is_called_damaged(tmp_path):
    pdf = _our_pdf()
    # the attachment's compressed stream, cut in its middle (a copy that stopped early, padded to the same size)
    start = re.search(rb"/application#2Fjson.*?stream\r?\n", pdf, re.S).end()
    length = int(re.findall(rb"/Length (\d+)", pdf[:start])[-1])
    assert zlib.decompress(pdf[start:start + length])  # the stream is whole before
    damaged = pdf[:start + length // 2] + b"\0" * (length - length // 2) + pdf[start + length:]
    path = tmp_path / "cut.pdf"
    path.write_bytes(damaged)
    with pytest.raises(io.DesignFileError) as info:
        io.load(path)
    assert str(info.value) == (f"{path}: this PDF is damaged where the design is attached; open the design file it "
                               "was made from")
    path.write_bytes(pdf)
    assert io.load(path).name == "Cut short"  # whole, it opens


def test_a_pdf_attaching_something_else_carries_no_design(tmp_path):
    payload = zlib.compress(b"not a design")
    foreign = (b"%PDF-1.4\n1 0 obj\n<< /Type /EmbeddedFile /Subtype /text#2Fplain /Filter /FlateDecode /Length "
               + str(len(payload)).encode() + b" >>\nstream\n" + payload + b"\nendstream\nendobj\n"
               b"2 0 obj\n<< /Type /Filespec /F (notes.txt) >>\nendobj\ntrailer << >>\n%%EOF\n")
    path = tmp_path / "other.pdf"
    path.write_bytes(foreign)
    with pytest.raises(io.DesignFileError, match="this PDF carries no design"):
        io.load(path)


@pytest.mark.parametrize("field", ["vpn.hub_site", "traffic.central_pstn_site"])
def test_a_hub_or_gateway_naming_a_cloud_says_it_is_a_cloud(field):
    section, key = field.split(".")
    data = {"sites": [{"id": "hq", "users": 10}], "clouds": [{"id": "mpls"}],
            "links": [{"id": "l1", "a": "hq", "b": "mpls"}], section: {key: "mpls"}}
    with pytest.raises(io.DesignFileError) as info:
        io.parse(json.dumps(data).encode(), "d.json")
    assert f"{field}: 'mpls' is a cloud, not a site; name a site" in str(info.value)


def test_a_pdf_changed_by_an_incremental_update_opens_the_newer_design():
    # an incremental update appends objects after the old ones, which stay in the file: the last attachment is the
    # design the PDF now carries (the first was read before)
    from advisor.report import embed

    def attachment(number: int, payload: bytes) -> bytes:
        packed = zlib.compress(payload)
        return (f"{number} 0 obj\n<< /Type /EmbeddedFile /Subtype /application#2Fjson /Filter /FlateDecode "
                f"/Length {len(packed)} >>\nstream\n").encode() + packed + b"\nendstream\nendobj\n"

    pdf = (b"%PDF-1.4\n" + attachment(1, b'{"name": "old"}') + b"trailer << >>\n%%EOF\n"
           + attachment(2, b'{"name": "new"}') + b"trailer << /Prev 0 >>\n%%EOF\n")
    assert embed.extract_design(pdf) == '{"name": "new"}'
    # a damaged older copy does not stop the newer one from reading; a damaged only copy is named damaged
    bad = attachment(1, b"x").replace(b"/Length ", b"/Length 9999999999999999")
    assert embed.extract_design(b"%PDF-1.4\n" + bad + attachment(2, b'{"name": "new"}')) == '{"name": "new"}'
    with pytest.raises(embed.EmbeddedDesignDamaged):
        embed.extract_design(b"%PDF-1.4\n" + bad)
