"""Round 60 of the hostile-input hunt, the PDF: varied and large designs (every per-site and per-link field drawn at
random, 50 to 1,000 sites of every generated topology, many small clusters over the WAN), the examples with one
field pushed to an edge, and each figure of the PDF read back against `advisor check --json`. Each defect found, as
the short sequence that shows it.

- A branch with two access links to one MPLS cloud, neither named (dual access), and two sites both named 'Lyon':
  the quality-of-service "Per link" table named three rows "Lyon — MPLS VPN" (with an em dash), each with its own
  figures, where the findings, the Links section and the deployment checks write 'Lyon (b1) – MPLS VPN (l1)',
  'Lyon (b1) – MPLS VPN (l2)' and 'Lyon (b2) – MPLS VPN'; the mouth-to-ear delay's worst path read "Lyon → MPLS
  VPN → Lyon", where the deployment checks print 'Lyon (b1) → MPLS VPN → Lyon (b2)'.
- A chain of 1,000 sites (or any path whose round-trip times add up past a second): the delay budget printed
  "Its one-way budget is 76242.7 ms" and its table "1940.767", "74203.91", "76242.677", ungrouped, where the
  deployment checks and the findings print "76,242.7 ms" and "74,203.9 ms".
- A delay target of 980.1 ms (a setting the design may hold) and a worst path of 980.13 ms: "Its one-way budget
  is 980.1 ms, above the 980.1 ms target", the figure rounded to one decimal beside a table and deployment check
  that print 980.13.
- 300 sites on 100 clouds placed at random (clouds a few points apart): the topology drew each cloud's name on
  its centre, over the name of a cloud drawn just before it ('Cloud 31' on 'Cloud 2', on the overview and the
  detail views); only the clouds' shapes were reckoned with, never their names.
- Sites a point or two apart (a campus drawn on one spot, or a site on a cloud): a site's name has four spots
  beside its shape; when all four were taken, it was drawn over another name ('Site 287' on 'Site 114').
- The example of 40 branches over the Internet with a million users at every site: the overview's link label
  '148,594 / 9,744,891.20' was drawn over the '7' of 'Store 37' (its white backing hid it): the overview let up to
  two labels (or a tenth of them) cover another text, where a detail view leaves such a label out.
- 208 clusters over the WAN of two to eight sites each: the deployment section listed the clusters' members in
  code-point order ('cl0', 'cl1', 'cl10', 'cl100', 'cl101' … 'cl2') above a checks table in design order ('cl0',
  'cl1', 'cl2' …), as `check --json` lists them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_fixtures import pdf_text, results_for, section_text

from advisor.model import Cloud, Design, Link, Site
from advisor.report import build_pdf, fonts

QOS = "Quality of service, admission control and delay"
EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


@pytest.fixture(autouse=True)
def _fonts():
    fonts.register()


def _text(design: Design, title: str = QOS) -> str:
    return section_text(pdf_text(build_pdf(design, results_for(design))), title)


# -- links and sites named alike in the configuration plan ------------------------------------------------------------

def _dual_access() -> Design:
    """Headquarters and two branches named 'Lyon' on one MPLS cloud; the first branch has two unnamed access links."""
    sites = (Site(id="hq", name="Headquarters", kind="hq", users=400, cucm_publisher=True),
             Site(id="b1", name="Lyon", users=120, survivability="srst", srst_platform="2811"),
             Site(id="b2", name="Lyon", users=80, survivability="srst", srst_platform="2811"))
    links = (Link(id="l-hq", a="hq", b="mpls"), Link(id="l1", a="b1", b="mpls"), Link(id="l2", a="b1", b="mpls"),
             Link(id="l3", a="b2", b="mpls"))
    return Design(name="Dual access", sites=sites, clouds=(Cloud(id="mpls", name="MPLS VPN", kind="mpls"),),
                  links=links)


def test_the_per_link_plan_names_each_link_as_the_findings_do():
    text = _text(_dual_access())
    plan = text[text.index("Per link"):text.index("Mouth-to-ear delay")]
    for label in ("Headquarters – MPLS VPN", "Lyon (b1) – MPLS VPN (l1)", "Lyon (b1) – MPLS VPN (l2)",
                  "Lyon (b2) – MPLS VPN"):
        assert plan.count(label) == 1, label
    assert "—  MPLS" not in plan and "Lyon — MPLS VPN" not in plan  # no row named by its ends with an em dash


def test_the_worst_delay_path_tells_sites_named_alike_apart():
    text = _text(_dual_access())
    delay = text[text.index("Mouth-to-ear delay"):]
    assert "worst path between sites with phones: Lyon (b1) → MPLS VPN → Lyon (b2)." in delay


# -- the delay budget's figures ----------------------------------------------------------------------------------------

def _slow_chain(rtt_ms: float = 3000.0, target_ms: float = 150.0, capacity_kbps: float = 100_000.0) -> Design:
    """Three sites in a row on leased lines of `rtt_ms` round trip each: propagation 2 × rtt / 2 one way."""
    sites = (Site(id="a", name="West", kind="hq", users=100, cucm_publisher=True),
             Site(id="b", name="Middle", users=100), Site(id="c", name="East", users=100))
    links = (Link(id="ab", a="a", b="b", rtt_ms=rtt_ms, capacity_kbps=capacity_kbps),
             Link(id="bc", a="b", b="c", rtt_ms=rtt_ms, capacity_kbps=capacity_kbps))
    return Design(name="Slow chain", sites=sites, links=links, delay={"target_ms": target_ms})


def _budget(text: str) -> tuple[str, str, dict[str, str]]:
    """The delay paragraph's budget and target, and the table's figure per term, as printed."""
    delay = text[text.index("Mouth-to-ear delay"):]
    said = re.search(r"Its one-way budget is (\S+) ms, (?:within|above) the (\S+) ms target", delay)
    assert said is not None, delay[:400]
    table = delay[delay.index("Term ms"):]
    terms = dict(re.findall(r"(coder delay|packetization|serialization|propagation|jitter buffer|Mouth to ear) "
                            r"([\d,.]+)", table))
    return said.group(1), said.group(2), terms


def test_delay_figures_are_grouped_by_thousands():
    budget, _, terms = _budget(_text(_slow_chain(rtt_ms=3000.0)))
    assert terms["propagation"] == "3,000"  # half of 3,000 ms on each of the two links
    assert terms["jitter buffer"] == "60"
    assert re.fullmatch(r"3,\d{3}(\.\d{1,3})?", terms["Mouth to ear"]), terms
    assert budget == terms["Mouth to ear"]  # the paragraph's figure is the table's


def test_delay_budget_prints_the_figure_its_verdict_reads():
    """Target 980.1 ms: the budget is 980 ms (propagation 2 × 900 / 2, jitter buffer 60, packetization 20) plus the
    coder delay (0.125 ms for G.711) and the serialization of one packet of at most 400 B at 1 Gbps over two links
    (under 0.007 ms): between 980.125 and 980.132 ms, above the target, so it may not read "980.1" beside "above"."""
    budget, target, terms = _budget(_text(_slow_chain(rtt_ms=900.0, target_ms=980.1, capacity_kbps=1e6)))
    assert target == "980.1"
    assert budget == terms["Mouth to ear"]
    assert 980.125 <= float(budget) < 980.132


def test_delay_budget_matches_the_deployment_check():
    design = _slow_chain(rtt_ms=3000.0)
    text = pdf_text(build_pdf(design, results_for(design)))
    budget, _, _ = _budget(section_text(text, QOS))
    checks = section_text(text, "Deployment-model checks")
    assert f"East: {budget} ms = " in checks or f"West: {budget} ms = " in checks, checks[-600:]


# -- names on the topology that land on one another ---------------------------------------------------------------------

def _texts(group, out=None) -> list[tuple[str, float, float, float, float]]:
    """Every string a drawing draws, as (text, left, bottom, right, top) of its glyphs' line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out = [] if out is None else out
    for node in getattr(group, "contents", ()):
        if hasattr(node, "contents"):
            _texts(node, out)
        elif hasattr(node, "text") and node.text.strip():
            w = stringWidth(node.text, node.fontName, node.fontSize)
            out.append((node.text, node.x, node.y - 0.2 * node.fontSize, node.x + w, node.y + 0.75 * node.fontSize))
    return out


def _views(design: Design) -> list:
    """The topology's views as the document draws them: (drawing, caption) pairs."""
    from advisor.report import diagram, styles

    results = results_for(design)
    return diagram.topology_drawings(design, {r.id: r for r in results.links}, styles.FRAME_WIDTH,
                                     styles.FRAME_HEIGHT - 70)


def _piled(design: Design) -> list[tuple[str, str]]:
    piles = []
    for drawing, _ in _views(design):
        texts = _texts(drawing)
        for i, (a, ax0, ay0, ax1, ay1) in enumerate(texts):
            for b, bx0, by0, bx1, by1 in texts[i + 1:]:
                if min(ax1, bx1) - max(ax0, bx0) > 0.5 and min(ay1, by1) - max(ay0, by0) > 0.5:
                    piles.append((a, b))
    return piles


def _ring(count: int, radius: float = 400.0) -> list[tuple[float, float]]:
    import math

    return [(radius * math.cos(2 * math.pi * i / count), radius * math.sin(2 * math.pi * i / count))
            for i in range(count)]


def test_clouds_placed_close_together_keep_their_names_apart():
    """Three clouds a few points apart (an MPLS VPN, the Internet and a metro Ethernet drawn on one spot) and six
    sites around them, each on two of the clouds: the three names were drawn on the clouds' centres, over each
    other ('MPLS VPNernet')."""
    clouds = (Cloud(id="mpls", name="MPLS VPN", kind="mpls", x=0.0, y=0.0),
              Cloud(id="inet", name="Internet", kind="internet", x=6.0, y=4.0),
              Cloud(id="metro", name="Metro Ethernet", kind="mpls", x=-5.0, y=-3.0))
    sites = tuple(Site(id=f"s{i}", name=f"Site {i}", kind="hq" if i == 0 else "branch", users=50,
                       cucm_publisher=i == 0, x=x, y=y) for i, (x, y) in enumerate(_ring(6)))
    links = tuple(Link(id=f"l{i}-{c}", a=s.id, b=c) for i, s in enumerate(sites)
                  for c in (("mpls", "inet") if i % 2 else ("mpls", "metro")))
    design = Design(name="Three clouds on one spot", sites=sites, clouds=clouds, links=links)
    assert _piled(design) == []


def test_sites_placed_on_one_spot_keep_their_names_apart():
    """Six sites a point apart (a campus drawn on one spot) beside a ring of eight: each name has four spots beside
    its shape, the first sites took them, and the last names were drawn over theirs ('Campus 4' on 'Campus 0')."""
    sites = [Site(id=f"r{i}", name=f"Ring {i}", kind="hq" if i == 0 else "branch", users=50, cucm_publisher=i == 0,
                  x=x, y=y) for i, (x, y) in enumerate(_ring(8))]
    sites += [Site(id=f"c{i}", name=f"Campus {i}", users=50, x=150.0 + 0.7 * i, y=0.4 * i)
              for i in range(6)]
    links = tuple(Link(id=f"l-{s.id}", a=s.id, b="mpls") for s in sites)
    design = Design(name="Campus on one spot", sites=tuple(sites), links=links,
                    clouds=(Cloud(id="mpls", name="MPLS VPN", kind="mpls", x=0.0, y=0.0),))
    assert _piled(design) == []


# -- many small clusters over the WAN ---------------------------------------------------------------------------------

def test_clusters_are_listed_in_the_order_their_checks_follow():
    """Twelve clusters of two sites each, 'k0' to 'k11' in design order: the deployment section listed their members
    as 'k0', 'k1', 'k10', 'k11', 'k2' … (code-point order) over a checks table (and `check --json`) in design order,
    'k0', 'k1', 'k2' … 'k11'; with a thousand clusters, 'k2' came after 'k199'."""
    sites = []
    for k in range(12):
        sites += [Site(id=f"p{k}", name=f"Pub {k}", kind="datacenter", users=100, cucm_publisher=True,
                       cluster_id=f"k{k}", x=100.0 * k, y=0.0),
                  Site(id=f"s{k}", name=f"Sub {k}", kind="datacenter", users=100, cucm_subscribers=1,
                       cluster_id=f"k{k}", x=100.0 * k, y=100.0)]
    links = tuple(Link(id=f"l-{s.id}", a=s.id, b="mpls", capacity_kbps=100_000.0, rtt_ms=10.0) for s in sites)
    design = Design(name="Twelve clusters", sites=tuple(sites), links=links,
                    clouds=(Cloud(id="mpls", name="MPLS VPN", kind="mpls", x=550.0, y=50.0),))
    text = _text(design, "Deployment-model checks")
    listed = re.findall(r"Cluster (k\d+):", text)
    checked = list(dict.fromkeys(re.findall(r"cluster '(k\d+)' size", text)))
    assert listed == [f"k{k}" for k in range(12)]
    assert checked == listed


def test_the_overview_leaves_out_a_link_label_that_would_cover_a_site_name():
    """The example of 40 branches over the Internet with a million users at every site: the overview's label
    '148,594 / 9,744,891.20' covered the '7' of 'Store 37' (its white backing drawn over it). The overview allowed
    up to two labels that cover another text; it leaves them out now, and its caption says so."""
    import json

    data = json.loads((EXAMPLES / "hq-40-branches-internet.json").read_text())
    for site in data["sites"]:
        site["users"] = 1_000_000
    design = Design.model_validate(data)
    assert _piled(design) == []
    (_, caption), *details = _views(design)
    assert not details and caption.startswith("Overview of the topology. ")
    assert re.search(r"\d+ links? left unlabelled here for want of room: the Links section gives (its|their) calls "
                     "and kbps.", caption), caption
