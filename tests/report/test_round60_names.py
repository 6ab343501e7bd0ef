"""Round 60, second part: the names and figures the PDF prints, against the findings and `advisor check`. Each
defect found, as the short sequence that shows it.

- Two branches both named 'Lyon' (ids b1 and b2), both with a subscriber of cluster c1: the PDF's Sites table, the
  deployment section's "Call-processing sites" and cluster members, the bill of materials' site column, the
  security checklist's per-site rows, the topology's labels and the findings' subjects all read "Lyon" twice, where
  the findings and the deployment checks write 'Lyon (b1)' and 'Lyon (b2)'. Three links all named 'MPLS access'
  read alike in the Links table and the VPN section's per-transport list, where the findings write 'MPLS access
  (m-b1)'; that list named an unnamed link by its id ('i-b1') where the findings write 'Lyon (b1) – Internet'. The
  configuration sketches' "more sites follow this pattern" list named two sites 'Lyon' alike too.
- A delay target of 1,000 ms: the deployment check read "(target 1000 ms)", the finding "above the 1000 ms target"
  and "The target used here, 1000 ms", and the PDF "the 1000 ms target", ungrouped beside a budget of "2,080.1 ms".
- A chain of 1,002 sites: the deployment check and the findings read "serialization … over 1001 links".
- G.711 at 120 ms per packet on a 512 kbps PPP link: the fragmentation finding read "fragment data to 1007 bytes
  (…, raised to the 1007-byte voice frame …)" beside "a 1,500-byte data packet".
- A chain of nine sites: the PDF's worst delay path printed every hop (150 lines on a 1,000-site chain), where the
  deployment check shortens it to the first three and the last three ('Site 1 → Site 2 → Site 3 → … → Site 7 →
  Site 8 → Site 9').
- The VPN ranking's reasons: HQ of 2 users and two branches of 1,000 read "100% of on-net calls (59.88 of 60.06
  E) are between branches" (99.7 %, short of all, rounded to 100); loads and overheads printed "(769%)", "(+29%)"
  and the priority-queue share "the 33% guideline" with no space before '%' where every other percentage of the
  tool has one; and a priority-queue share of 33.5 % read "the 34% guideline" beside the bandwidth findings'
  "33.5 %". Two Erlang figures a part short of the whole could read alike ('21,694.22 of 21,694.22 E').
- A priority-queue share of 0.9999999: the summary read "above the priority-queue share of 100.0 %" (the findings:
  "99.99999 %"); of 0.33: the summary and "How to read this table" read "33.0 %" beside the findings' "33 %".
- HQ and 1,001 branches: the VPN ranking table's Tunnels column read "1001" where its reasons count "1,001
  spoke-to-hub tunnels"; G.711 at 120 ms per packet: the packet section's comparison table read "1000" and "1071"
  bytes under a paragraph that prints "a 1,071-byte frame".
"""

from __future__ import annotations

import re

import pytest
from report_fixtures import drawing_strings, pdf_text, results_for, section_text

from advisor.model import Cloud, Design, Link, Site
from advisor.report import build_pdf, fonts

QOS = "Quality of service, admission control and delay"


@pytest.fixture(autouse=True)
def _fonts():
    fonts.register()


# -- sites and links named alike ---------------------------------------------------------------------------------------

def _two_lyons() -> Design:
    """Headquarters and two branches named 'Lyon', one cluster over the WAN, each site on an MPLS cloud (its link
    named 'MPLS access', three alike) and on the Internet (its link unnamed)."""
    sites = (Site(id="hq", name="Headquarters", kind="hq", users=400, cucm_publisher=True, cluster_id="c1",
                  pstn_gateway=True, x=0.0, y=-200.0),
             Site(id="b1", name="Lyon", users=120, cucm_subscribers=1, cluster_id="c1", pstn_gateway=True,
                  survivability="srst", srst_platform="ISR4321", x=-300.0, y=150.0),
             Site(id="b2", name="Lyon", users=80, cucm_subscribers=1, cluster_id="c1", pstn_gateway=True,
                  survivability="srst", srst_platform="ISR4321", x=300.0, y=150.0))
    links = tuple(Link(id=f"m-{s.id}", a=s.id, b="mpls", name="MPLS access", capacity_kbps=100_000.0)
                  for s in sites)
    links += tuple(Link(id=f"i-{s.id}", a=s.id, b="inet", capacity_kbps=100_000.0) for s in sites)
    clouds = (Cloud(id="mpls", name="MPLS VPN", kind="mpls", x=-100.0, y=0.0),
              Cloud(id="inet", name="Internet", kind="internet", x=100.0, y=0.0))
    return Design(name="Two Lyons", sites=sites, clouds=clouds, links=links)


@pytest.fixture(scope="module")
def lyons() -> str:
    fonts.register()
    design = _two_lyons()
    return pdf_text(build_pdf(design, results_for(design)))


def test_the_sites_table_tells_sites_named_alike_apart(lyons):
    text = section_text(lyons, "Sites")
    assert "Lyon (b1) Branch 120" in text and "Lyon (b2) Branch 80" in text


def test_the_deployment_section_lists_sites_named_alike_apart(lyons):
    text = section_text(lyons, "Deployment-model checks")
    assert "Call-processing sites: Headquarters, Lyon (b1), Lyon (b2)." in text
    assert "Cluster c1: Headquarters, Lyon (b1), Lyon (b2)" in text


def test_the_bill_of_materials_names_sites_named_alike_apart(lyons):
    text = section_text(lyons, "Bill of materials")
    assert "Lyon (b1) PSTN digital trunk" in text and "Lyon (b2) PSTN digital trunk" in text
    assert "Lyon PSTN" not in text


def test_the_security_checklist_names_sites_named_alike_apart(lyons):
    text = section_text(lyons, "Security checklist")
    per_site = text[text.index("Per site"):]
    assert per_site.count("Lyon (b1) ") == 1 and per_site.count("Lyon (b2) ") == 1
    assert not re.search(r"Lyon \d", per_site)  # no row named 'Lyon' bare, its counts after it


def test_the_links_table_tells_links_named_alike_apart(lyons):
    text = section_text(lyons, "Links")
    for label in ("MPLS access (m-hq) Headquarters – MPLS VPN", "MPLS access (m-b1) Lyon (b1) – MPLS VPN",
                  "MPLS access (m-b2) Lyon (b2) – MPLS VPN", "i-b1 Lyon (b1) – Internet"):
        assert label in text, label


def test_the_per_transport_list_names_links_as_the_findings_do(lyons):
    text = section_text(lyons, "VPN technology comparison")
    listed = text[text.index("Per transport"):text.index("Comparison of IPsec solutions")]
    assert "MPLS access (m-hq), MPLS access (m-b1), MPLS access (m-b2)" in listed
    assert "Headquarters – Internet, Lyon (b1) – Internet, Lyon (b2) – Internet" in listed


def test_the_findings_subjects_tell_sites_named_alike_apart():
    """Both branches without a local gateway or SRST: the findings about each name it 'Lyon (b1)' / 'Lyon (b2)'."""
    design = _two_lyons()
    results = results_for(design)
    about = {f.subjects for f in results.findings if f.subjects in (("b1",), ("b2",))}
    assert about, "no finding about one branch"
    text = section_text(pdf_text(build_pdf(design, results)), "Findings")
    for subjects in about:
        assert f"Lyon ({subjects[0]}):" in text
    assert "Lyon:" not in text


def test_the_topology_labels_sites_named_alike_apart():
    from advisor.report import diagram, styles

    design = _two_lyons()
    results = results_for(design)
    views = diagram.topology_drawings(design, {r.id: r for r in results.links}, styles.FRAME_WIDTH,
                                      styles.FRAME_HEIGHT - 70)
    labels = [s for drawing, _ in views for s in drawing_strings(drawing)]
    assert "Lyon (b1)" in labels and "Lyon (b2)" in labels and "Lyon" not in labels


def test_the_sketches_name_the_sites_that_follow_a_pattern_apart():
    from advisor.report.sketches import _followers

    design = _two_lyons()
    assert _followers(["b1", "b2"], design).endswith("names and addresses: Lyon (b1), Lyon (b2).")


# -- the delay target and the worst path -------------------------------------------------------------------------------

def _chain(count: int, rtt_ms: float, target_ms: float = 150.0) -> Design:
    """`count` sites in a row, 'Site 1' to 'Site <count>', on 100 Mbps links of `rtt_ms` round trip each."""
    sites = tuple(Site(id=f"s{i}", name=f"Site {i}", kind="hq" if i == 1 else "branch", users=50,
                       cucm_publisher=i == 1) for i in range(1, count + 1))
    links = tuple(Link(id=f"l{i}", a=f"s{i}", b=f"s{i + 1}", rtt_ms=rtt_ms, capacity_kbps=100_000.0)
                  for i in range(1, count))
    return Design(name="Chain", sites=sites, links=links, delay={"target_ms": target_ms})


def test_a_delay_target_of_a_thousand_ms_is_grouped_in_the_check_and_the_finding():
    """Three sites, two links of 2,000 ms round trip: propagation 2 × 1,000 ms one way, well above 1,000 ms."""
    from advisor.rules.delay import delay_check

    design = _chain(3, 2000.0, target_ms=1000.0)
    results = results_for(design)
    rows, out = [], []
    delay_check(design, None, rows, out)
    assert rows[0][1] == "fail" and rows[0][2].endswith("(target 1,000 ms)")
    assert "above the 1,000 ms target" in out[0].message
    assert "The target used here, 1,000 ms, is the design's own target." in out[0].rationale
    text = section_text(pdf_text(build_pdf(design, results)), QOS)
    assert re.search(r"Its one-way budget is 2,\d{3}(\.\d+)? ms, above the 1,000 ms target", text), text[-800:]
    assert "1000" not in text


def test_the_pdf_shortens_a_long_worst_path_as_the_deployment_check_does():
    """Nine sites in a row: the worst path runs end to end, nine sites; the first three and the last three show."""
    design = _chain(9, 10.0, target_ms=1000.0)
    text = pdf_text(build_pdf(design, results_for(design)))
    shortened = {"Site 1 → Site 2 → Site 3 → … → Site 7 → Site 8 → Site 9",
                 "Site 9 → Site 8 → Site 7 → … → Site 3 → Site 2 → Site 1"}
    plan = section_text(text, QOS)
    path = re.search(r"The worst path between sites with phones: (.+?)\. Its one-way", plan)
    assert path is not None and path.group(1) in shortened, plan[-800:]
    checks = section_text(text, "Deployment-model checks")
    assert f"worst {path.group(1)}:" in checks


def test_a_path_of_more_than_a_thousand_links_counts_them_grouped():
    """1,002 sites in a row: the worst path runs end to end over 1,001 links, "over 1001 links" before."""
    from advisor.analysis import analyse

    results = analyse(_chain(1002, 1.0, target_ms=1000.0))
    row = next(detail for check, _, detail in results.model.checks if check == "mouth-to-ear delay")
    assert " over 1,001 links + propagation " in row, row[:400]


def test_a_voice_frame_of_more_than_a_thousand_bytes_is_grouped_in_the_fragmentation_finding():
    """G.711 at 120 ms per packet: 8,000 B/s × 0.12 s = 960 B of voice + 40 B of RTP, UDP and IP = a 1,000-byte IP
    packet, more with PPP's header, on a 512 kbps link whose 10 ms fragment would be 640 B: the fragment is raised
    to the voice frame, which read "fragment data to 1007 bytes" beside "a 1,500-byte data packet"."""
    sites = (Site(id="hq", name="HQ", kind="hq", users=50, cucm_publisher=True), Site(id="b1", name="Nord", users=20))
    design = Design(name="Long packets", sites=sites, links=(Link(id="l1", a="hq", b="b1", capacity_kbps=512.0,
                                                                  l2="ppp"),),
                    voice={"codec": "g711", "ptime_ms": 120}, vpn={"technology": "none"})
    lfi = [f.message for f in results_for(design).findings if f.code == "BW-LFI"]
    assert len(lfi) == 1 and "a 1,500-byte data packet" in lfi[0]
    frame = re.search(r"fragment data to (1,0\d\d) bytes \(10 ms at 512 kbps, raised to the (1,0\d\d)-byte voice "
                      r"frame", lfi[0])
    assert frame is not None and frame.group(1) == frame.group(2), lfi[0]


# -- the VPN reasons' percentages --------------------------------------------------------------------------------------

def _few_at_the_hub(llq_share: float = 0.33, capacity_kbps: float = 2048.0) -> Design:
    """HQ of 2 users and two branches of 1,000 on one MPLS cloud, the default traffic (2 calls of 180 s per user at
    the busy hour, 30 % on-net: 0.03 E per user)."""
    sites = (Site(id="hq", name="HQ", kind="hq", users=2, cucm_publisher=True),
             Site(id="b1", name="Nord", users=1000), Site(id="b2", name="Sud", users=1000))
    links = tuple(Link(id=f"l-{s.id}", a=s.id, b="mpls", capacity_kbps=capacity_kbps) for s in sites)
    return Design(name="Few at the hub", sites=sites, clouds=(Cloud(id="mpls", name="MPLS", kind="mpls"),),
                  links=links, traffic={"llq_share": llq_share})


def _reasons(design: Design, rule: str | None = None) -> list[str]:
    from advisor.rules.vpn import recommend

    return [r.text for c in recommend(design).ranking for r in c.reasons if rule is None or r.rule == rule]


def test_a_spoke_share_short_of_all_never_reads_100_percent():
    """Each branch sends 30 E on-net, spread by users: 1,000 of the other 1,002 users are at the other branch, so
    2 × 30 × 1,000 / 1,002 = 59.88 E of the 2,002 × 0.03 = 60.06 E are between branches: 99.7 %."""
    texts = _reasons(_few_at_the_hub(), "VPN-R5")
    assert texts and all(t.startswith("99.7 % of on-net calls (59.88 of 60.06 E) are between branches")
                         for t in texts), texts


def test_every_percentage_of_the_vpn_reasons_has_its_space():
    texts = _reasons(_few_at_the_hub())
    assert not [t for t in texts if re.search(r"\d%", t)]
    # G.711 on Ethernet: 112.80 kbps per call with IPsec tunnel mode against 87.20 clear, +29.4 %
    assert any("vs 87.20 kbps clear (+29 %)" in t for t in texts)
    assert any(re.search(r"kbps needed of 2,048 kbps \([\d,]+ %\)", t) for t in texts)


def test_the_priority_queue_share_reads_as_the_bandwidth_findings_print_it():
    """A 33.5 % priority-queue share: the bandwidth findings say 'the 33.5 % priority-queue guideline'."""
    texts = [t for t in _reasons(_few_at_the_hub(llq_share=0.335, capacity_kbps=100_000.0), "VPN-R7")
             if "priority queue" in t]
    assert texts and all("the 33.5 % guideline" in t for t in texts), texts
    texts = _reasons(_few_at_the_hub(capacity_kbps=100_000.0), "VPN-R7")
    assert texts and all("the 33 % guideline" in t for t in texts if "priority queue" in t)


def test_the_summary_names_the_priority_queue_share_as_the_findings_do():
    """A share of 0.9999999 (99.99999 %, as typed) read "the priority-queue share of 100.0 %" in the summary, and
    0.33 read "33.0 %" where the findings and the VPN reasons say "the 33 % priority-queue guideline"."""
    from types import SimpleNamespace

    from advisor.report.explained import how_to_read
    from advisor.report.summary import link_load

    for share, shown in ((0.9999999, "99.99999 %"), (0.33, "33 %"), (0.335, "33.5 %")):
        design = SimpleNamespace(traffic=SimpleNamespace(llq_share=share))
        text = link_load(design, SimpleNamespace(links=[SimpleNamespace(status="overload", llq_share=2.0)]))
        assert text == f"1 link over capacity (it is also above the priority-queue share of {shown}).", text
    read = " ".join(getattr(para, "text", "") for para in how_to_read(_few_at_the_hub(llq_share=0.335)))
    assert "against the design's 33.5 % guideline" in read


@pytest.mark.parametrize(("share", "text"), [
    (21671.11 / 21694.22, "99.9 %"),  # 99.89 %: short of all
    (7699.98, "769,998 %"), (0.5, "50 %"), (1.0, "100 %"), (0.0, "0 %"),
    (0.004, "0.4 %"),  # above nothing: not '0 %'
    (0.9999999, "just under 100 %"), (1e-7, "just over 0 %"),
])
def test_a_share_reads_on_its_side_of_all_and_of_none(share, text):
    from advisor.rules.vpn_score import _load

    assert _load(share) == text


def test_a_part_short_of_the_whole_never_reads_as_the_whole():
    from advisor.rules.vpn_score import _part_of

    assert _part_of(21671.11, 21694.22, 21671.11 / 21694.22) == ("21,671.11", "21,694.22")
    assert _part_of(21694.2171, 21694.2222, 21694.2171 / 21694.2222) == ("21,694.217", "21,694.222")
    assert _part_of(60.06, 60.06, 1.0) == ("60.06", "60.06")


# -- counts in the VPN and packet tables ------------------------------------------------------------------------------

def _cells(flow) -> list[str]:
    """The plain-text cells of the tables in a section's flowables (KeepTogether's contents included)."""
    out = []
    for item in flow:
        out += _cells(getattr(item, "_content", ()))
        for row in getattr(item, "_cellvalues", ()):
            out += [c for c in row if isinstance(c, str)]
    return out


def test_the_ranking_counts_tunnels_grouped_as_its_reasons_do():
    """HQ and 1,001 branches on one MPLS cloud: a hub-and-spoke candidate has 1,001 spoke-to-hub tunnels."""
    from advisor.report import checks

    sites = (Site(id="hq", name="HQ", kind="hq", users=100, cucm_publisher=True),
             *(Site(id=f"b{i}", name=f"Branch {i}", users=10) for i in range(1, 1002)))
    links = tuple(Link(id=f"l-{s.id}", a=s.id, b="mpls") for s in sites)
    design = Design(name="Many spokes", sites=sites, links=links, clouds=(Cloud(id="mpls", kind="mpls"),))
    cells = _cells(checks.vpn(1, design, results_for(design)))
    assert "1,001" in cells and "1001" not in cells


def test_the_packet_table_groups_bytes_as_its_paragraph_does():
    """G.711 at 120 ms per packet: 960 B of voice + 40 B of headers, a 1,000-byte IP packet before any tunnel."""
    from advisor.report import checks

    sites = (Site(id="hq", name="HQ", kind="hq", users=50, cucm_publisher=True), Site(id="b1", name="Nord", users=20))
    design = Design(name="Long packets", sites=sites, links=(Link(id="l1", a="hq", b="b1"),),
                    voice={"codec": "g711", "ptime_ms": 120})
    cells = _cells(checks.packet_anatomy(1, design, results_for(design)))
    assert "1,000" in cells  # the IP packet with no VPN
    assert not [c for c in cells if re.fullmatch(r"\d{4,}", c)], cells
