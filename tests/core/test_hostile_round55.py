"""Round 55, the command line's less-exercised commands (explain, bom, compare, configs, calc) and a design PDF
altered by a later update. Each defect found, as the short sequence that shows it.

- A note printed before a refusal made the refusal two lines: `calc --cipher 3des --l2 custom` said "note: --cipher
  has no effect with --vpn none" above "error: --l2-bytes: …"; `compare --vary vpn.internet=… --vary codec=nosuch`
  and `compare --vary …` on a design with saved options said their note above the scenario's error; `bom
  --vpn-hubs 3 --csv /proc/x.csv` and `configs --vpn-hubs 3 -o /proc/x` said "--vpn-hubs has no effect" above the
  error writing the output. The notes now come once the output is out, and never with an error.
- The signalling per phone was printed without thousands separators: SIP at 100 busy-hour calls per user read
  "24 phones × 4138 bps (… = 4138 bps per phone)", an override of 100 kbps "100000 bps per phone".
- Sites named 'Zurich', 'ZURICH' and 'zurich' (the file allows them) could not be named at all: `explain --site
  ZURICH` said "3 sites are named 'ZURICH': give the id instead". The one named exactly so is taken.
- `explain` printed a site or link name's line break as it is: a site named "a" + line break + "b" made the
  heading "a", then "b: busy-hour traffic" as a line of its own (`check`, `bom` and `configs` print '?').
- `compare` printed the bill's quantities without separators: "433342" E1 PRIs, "2600" subscribers.
- A design PDF whose newer design (appended by an incremental update) is damaged opened the older design in its
  place, in silence; it is now "damaged where the design is attached".
"""

from __future__ import annotations

import copy
import json
import re
import sys
import zlib
from functools import partial
from pathlib import Path

import pytest

from advisor import io
from advisor.report import embed
from tests.cli.inprocess import changed_copy
from tests.cli.inprocess import run as _run

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
MPLS = EXAMPLES / "hq-12-branches-mpls.json"  # 13 sites on one MPLS cloud, GET VPN; br01 is 'Zürich', 24 users
CAMPUS = EXAMPLES / "single-site-campus.json"  # one site, no WAN link: no VPN hub routers
ON_LINUX_PROC = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc takes no new files on Linux")


_design = partial(changed_copy, MPLS)  # (tmp_path, change[, name]): the MPLS example changed, written there


# -- a refusal is one line, with no note above it ---------------------------------------------------------------

def test_calc_refusal_has_no_note_above_it(capsys):
    code, out, err = _run(capsys, "calc", "--cipher", "3des", "--l2", "custom")
    assert code == 2 and out == ""
    assert err == "advisor: error: --l2-bytes: layer 2 'custom' needs its byte count per packet\n"


def test_calc_still_notes_an_option_without_effect_when_it_answers(capsys):
    code, out, err = _run(capsys, "calc", "--cipher", "3des")
    assert code == 0 and out.startswith("G.711 (g711), 20 ms")
    assert err == "advisor: note: --cipher has no effect with --vpn none\n"


def test_compare_refusal_has_no_note_above_it(tmp_path, capsys):
    saved = _design(tmp_path, lambda d: d.update(scenarios=[{"name": "G.729", "codec": "g729"}]))
    code, out, err = _run(capsys, "compare", saved, "--vary", "codec=nosuch")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("advisor: error: scenario 'codec=nosuch': codec: unknown")
    # the design has no Internet cloud: a note, but not above the refusal of a packetization iLBC cannot carry
    code, out, err = _run(capsys, "compare", MPLS, "--vary", "vpn.internet=dmvpn", "--vary", "ptime=10",
                          "--vary", "codec=ilbc-30")
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "10 ms is not a whole number of iLBC 30 ms frames" in err


def test_compare_notes_come_when_it_compares(tmp_path, capsys):
    saved = _design(tmp_path, lambda d: d.update(scenarios=[{"name": "G.729", "codec": "g729"}]))
    code, out, err = _run(capsys, "compare", saved, "--vary", "vpn.internet=dmvpn")
    assert code == 0 and "Current design" in out
    assert err.splitlines() == [
        "advisor: note: --vary vpn.internet: the design has no Internet cloud, so these options change nothing",
        "advisor: note: the design's 1 saved option is not compared with --vary; leave --vary out to compare them"]


@ON_LINUX_PROC
@pytest.mark.parametrize("argv", [("bom", CAMPUS, "--vpn-hubs", "3", "--csv", "/proc/x.csv"),
                                  ("bom", CAMPUS, "--vpn-hubs", "3", "--xlsx", "/proc/x.xlsx"),
                                  ("configs", CAMPUS, "--vpn-hubs", "3", "-o", "/proc/x")])
def test_an_output_that_cannot_be_written_is_one_line_without_the_hubs_note(capsys, argv):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("advisor: error: /proc/x") and "cannot be written" in err


@pytest.mark.parametrize("argv", [("bom", CAMPUS, "--vpn-hubs", "3"), ("configs", CAMPUS, "--vpn-hubs", "3")])
def test_the_hubs_note_still_comes_with_the_output(capsys, argv):
    code, out, err = _run(capsys, *argv)
    assert code == 0 and out
    assert err == ("advisor: note: --vpn-hubs has no effect: the design has no VPN hub routers (it has no WAN "
                   "links)\n")


# -- signalling per phone, grouped ---------------------------------------------------------------------------------

def test_signalling_per_phone_is_grouped(tmp_path, capsys):
    def sip_busy(d):
        d["voice"]["signalling"] = "sip"
        d["traffic"]["calls_per_user"] = 100  # the largest the form takes

    # SIP: (138 + 40 × 100 calls/h) × 1 = 4,138 bps per phone (the signalling table's commonly quoted SIP form);
    # Zürich's 24 phones: 24 × 4,138 / 1,000 = 99.312 kbps
    code, out, _err = _run(capsys, "explain", _design(tmp_path, sip_busy), "--site", "br01")
    assert code == 0
    assert "signalling = 24 phones × 4,138 bps (SIP over TLS: (138 + 40 × 100 calls/h) × 1 (TLS factor) = " \
           "4,138 bps per phone) = 99.31 kbps" in out

    def override(d):
        d["traffic"]["signalling_bps_per_phone"] = 100_000  # the largest the form takes

    code, out, _err = _run(capsys, "explain", _design(tmp_path, override, "o.json"), "--site", "br01")
    # 24 × 100,000 bps = 2,400 kbps
    assert "signalling = 24 phones × 100,000 bps (100,000 bps per phone (design setting)) = 2,400.00 kbps" in out


# -- names that differ in case only --------------------------------------------------------------------------------

def _three_zurichs(d):
    for site, name in zip(d["sites"][1:4], ("Zurich", "ZURICH", "zurich"), strict=True):
        site["name"] = name


@pytest.mark.parametrize(("name", "site_id"), [("Zurich", "br01"), ("ZURICH", "br02"), ("zurich", "br03")])
def test_a_site_named_exactly_so_is_taken_among_names_alike(tmp_path, capsys, name, site_id):
    path = _design(tmp_path, _three_zurichs)
    code, out, _err = _run(capsys, "explain", path, "--site", name, "--json")
    assert code == 0
    assert {e["subject"] for e in json.loads(out)["explanations"]} == {site_id}
    code, out, _err = _run(capsys, "configs", path, "--site", name)
    assert code == 0 and f"! Site {site_id} ({name}) of design" in out


def test_names_alike_none_written_so_are_still_ambiguous(tmp_path, capsys):
    code, out, err = _run(capsys, "explain", _design(tmp_path, _three_zurichs), "--site", "zURICH")
    assert code == 2 and out == ""
    assert err == "advisor: error: --site: 3 sites are named 'zURICH': give the id instead (br01, br02, br03)\n"
    # composed or decomposed, 'Zürich' looks the same: two sites so named stay ambiguous
    composed = _design(tmp_path, lambda d: d["sites"][2].update(name="Zu\u0308rich"), "nfd.json")
    code, out, err = _run(capsys, "explain", composed, "--site", "Zürich")
    assert code == 2 and "2 sites are named 'Zürich'" in err


# -- line breaks in names ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("brk", ["\n", "\r\n", "\u2028", "\x85"])
def test_explain_keeps_a_name_with_a_line_break_on_its_line(tmp_path, capsys, brk):
    def broken(d):
        d["sites"][1]["name"] = f"Zü{brk}rich"
        d["links"][1]["name"] = f"Zürich{brk}access"

    path = _design(tmp_path, broken)
    code, out, _err = _run(capsys, "explain", path, "--site", "br01")
    assert code == 0
    lines = out.splitlines()
    assert lines[2] == "Zü" + "?" * len(brk) + "rich: busy-hour traffic"
    assert all(line == "" or line.startswith(("  ", "Zü", "Design: ")) for line in lines), lines
    code, out, _err = _run(capsys, "explain", path, "--link", "l-br01")
    assert out.splitlines()[2] == "Zürich" + "?" * len(brk) + "access: bandwidth per direction"


# -- compare: the bill's quantities --------------------------------------------------------------------------------

def test_compare_groups_the_bill_quantities(tmp_path, capsys):
    def huge(d):
        for site in d["sites"]:
            site["users"] = 1_000_000
        d["traffic"].update(calls_per_user=100, holding_time_s=36_000)  # each field at its largest

    code, out, _err = _run(capsys, "compare", _design(tmp_path, huge), "--vary", "gos=1%,0.5%")
    assert code == 0
    # 1,000,000 users × 100 calls/h × 36,000 s / 3,600 × 20 % PSTN = 200,000,000 E at each of the 13 gateways:
    # Erlang B wants more trunks than the gateway's 1,000,000 phones, so they are capped there, at any grade of
    # service: ceil(1,000,000 / 30) = 33,334 E1 PRIs per site, × 13 = 433,342
    row = next(line for line in out.splitlines() if line.startswith("BOM: PSTN digital trunk"))
    assert row.split()[-3:] == ["433,342", "433,342", "433,342"]


# -- a PDF whose newer design is damaged ---------------------------------------------------------------------------

def _attachment(number: int, payload: bytes) -> bytes:
    packed = zlib.compress(payload)
    return (f"{number} 0 obj\n<< /Type /EmbeddedFile /Subtype /application#2Fjson /Filter /FlateDecode "
            f"/Length {len(packed)} >>\nstream\n").encode() + packed + b"\nendstream\nendobj\n"


def _picture(number: int) -> bytes:
    packed = zlib.compress(b"\x89PNG\r\n\x1a\n\xff\xfe")  # another kind of attachment: not UTF-8 text
    return (f"{number} 0 obj\n<< /Type /EmbeddedFile /Subtype /image#2Fpng /Filter /FlateDecode "
            f"/Length {len(packed)} >>\nstream\n").encode() + packed + b"\nendstream\nendobj\n"


def test_a_damaged_newer_design_is_not_replaced_by_the_older_one():
    old = b"%PDF-1.4\n" + _attachment(1, b'{"name": "old"}') + b"trailer << >>\n%%EOF\n"
    for damaged in (b"\xff\xfe not UTF-8", ):
        newer = old + _attachment(2, damaged) + b"trailer << /Prev 0 >>\n%%EOF\n"
        with pytest.raises(embed.EmbeddedDesignDamaged):
            embed.extract_design(newer)
    cut = _attachment(2, b'{"name": "new"}')
    cut = cut[:cut.index(b"stream\n") + 12] + b"\nendstream\nendobj\n"  # its deflated bytes cut short
    with pytest.raises(embed.EmbeddedDesignDamaged):
        embed.extract_design(old + cut + b"trailer << /Prev 0 >>\n%%EOF\n")
    # another attachment added later that does not read as text hides nothing
    assert embed.extract_design(old + _picture(2) + b"trailer << /Prev 0 >>\n%%EOF\n") == '{"name": "old"}'


def test_opening_such_a_pdf_names_the_damage(tmp_path):
    design = io.dumps(io.load(MPLS)).encode()
    pdf = (b"%PDF-1.4\n" + _attachment(1, design) + b"trailer << >>\n%%EOF\n"
           + _attachment(2, copy.copy(design).replace(b'"HQ + 12', b'"\xff\xfe + 12'))
           + b"trailer << /Prev 0 >>\n%%EOF\n")
    path = tmp_path / "updated.pdf"
    path.write_bytes(pdf)
    with pytest.raises(io.DesignFileError) as info:
        io.load(path)
    assert str(info.value) == (f"{path}: this PDF is damaged where the design is attached; open the design file it "
                               "was made from")


# -- packets of 1,000 bytes and more, and numbers at the command line's edges ----------------------------------------

def test_calc_groups_the_bytes_of_a_long_packet(capsys):
    # G.711 at 200 ms (the longest packetization): 200 / 10 × 80 B = 1,600 B payload; P = 20 + 8 + 12 + 1,600 =
    # 1,640 B; GRE over IPsec, transport mode, AES-CBC: x = 4 GRE + 1,640 = 1,644 B, pad(x) = ceil(1,646 / 16) × 16
    # = 1,648 B; IP packet = 20 + 8 ESP + 16 IV + 1,648 + 12 ICV = 1,704 B; frame = 1,704 + 18 = 1,722 B
    code, out, _err = _run(capsys, "calc", "--codec", "g711", "--ptime", "200", "--vpn", "gre-ipsec", "--explain")
    assert code == 0
    assert "5.00 packets/s, 1,600 B payload;" in out
    for name, size in (("payload", "1,600"), (r"clear packet \(P\)", "1,640"), ("IP packet", "1,704"),
                       ("frame", "1,722")):
        assert re.search(rf"^{name} +{size} B\b", out, re.MULTILINE), (name, out)
    assert "Voice payload (G.711)       1,600  no" in out
    assert "  pad(x) = ceil((1,644 + 2) / 16) × 16 = 1,648 B" in out
    assert "  IP packet = 20 IPv4 + 8 ESP + 16 ESP IV + pad(x) 1,648 + 12 ICV = 1,704 B" in out
    assert "  frame = 1,704 B + 18 B layer 2 = 1,722 B" in out


@pytest.mark.parametrize(("argv", "message"), [
    (("calc", "--codec", "opus", "--bitrate", "1e300"), "--bitrate: bit rate 1 × 10³⁰⁰ kbps is out of range for Opus (6-510 kbps)"),
    (("calc", "--codec", "opus", "--bitrate", "1e14"),
     "--bitrate: bit rate 100,000,000,000,000 kbps is out of range for Opus (6-510 kbps)"),
    (("calc", "--ptime", "1e300"), "--ptime: packetization time 1 × 10³⁰⁰ ms is out of range (0 < ptime <= 200 ms)"),
    (("calc", "--ptime", "-1e3"), "--ptime: packetization time -1,000 ms is out of range (0 < ptime <= 200 ms)"),
    (("calc", "--calls", "-1e3"), "--calls: calls must be a whole number, 0 or more (got -1,000)"),
    (("calc", "--srtp-mki", "1000000"), "--srtp-mki: SRTP MKI length must be a whole number from 0 to 32 (got 1,000,000)"),
    (("erlang", "--traffic", "-inf", "--gos", "0.01"), "--traffic: must be a finite number ≥ 0 Erlangs, got '-inf'"),
    (("erlang", "--traffic", "-1E2", "--gos", "0.01"), "--traffic: must be a finite number ≥ 0 Erlangs, got '-1E2'"),
])
def test_a_refused_number_reads_as_a_number(capsys, argv, message):
    # 1e300 printed its 301 digits; a negative number in exponent form or -inf was taken for an option ("expected
    # one argument"); counts of 1,000 and more were not grouped
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert err == f"advisor: error: {message}\n"


def test_vpn_ranking_and_gcm_saving_group_their_byte_counts():
    # G.711 at 200 ms: a 1,600 B payload + 40 B IP/UDP/RTP = 1,640 B before the tunnel; every packet size the
    # ranking and the AES-GCM note print is past 1,000 B, so each is grouped as prose prints it
    from advisor.analysis import analyse
    from advisor.io import load

    design = load(EXAMPLES / "hq-12-branches-mpls.json")
    design = design.model_copy(update={"voice": design.voice.model_copy(update={"codec": "g711", "ptime_ms": 200.0}),
                                       "links": ()})
    results = analyse(design)
    texts = [r.text for c in results.recommendation.ranking for r in c.reasons if r.rule == "VPN-R6"]
    assert texts and all(" B IP packet)" in t for t in texts)
    assert all(re.search(r"\(\d,\d{3} B IP packet\)", t) for t in texts), texts
