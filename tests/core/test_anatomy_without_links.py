"""A design with no link yet (sites or clouds alone: the first minutes of a drawing) still shows the per-call packet:
on a link's defaults (Ethernet), as its first link would carry the call. Given no link, every technology failed, and
the app's Packet anatomy and the PDF said "No packet could be computed"."""

from __future__ import annotations

from advisor.analysis import analyse
from advisor.anatomy import anatomy_bars
from advisor.model import Design


def test_a_design_without_links_is_priced_on_ethernet():
    design = Design.model_validate({"name": "two sites", "sites": [{"id": "hq", "kind": "hq", "users": 20},
                                                                  {"id": "br", "users": 5}]})
    assert design.voice.codec == "g711" and design.voice.ptime_ms in (None, 20) and not design.links
    bars, notes = anatomy_bars(design, analyse(design))
    assert bars and not any("NoneType" in n for n in notes)
    clear = next(b for b in bars if b.overhead_bytes == 0)
    # G.711 at 20 ms: 160 B of voice + RTP 12 + UDP 8 + IPv4 20 = 200 B; Ethernet adds 18 B: 218 B,
    # × 8 bits × 50 packets a second = 87,200 bit/s
    assert (clear.ip_packet_bytes, clear.frame_bytes) == (200, 218)
    assert clear.kbps == 87.2
