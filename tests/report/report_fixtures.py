"""Designs with awkward names for the PDF tests, their results, and the PDF text as pypdf reads it back."""

from __future__ import annotations

import io
import math
from pathlib import Path

from pypdf import PdfReader

from advisor.model import Cloud, Design, Link, Site

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))

AWKWARD_NAMES = ("Zürich", "São Paulo", "Αθήνα", "R&D <lab>", "Москва")


def results_for(design: Design):
    from advisor.analysis import analyse

    return analyse(design, checklist=True)


def star_design(n_sites: int, *, names: tuple[str, ...] = AWKWARD_NAMES, technology: str = "recommend",
                capacity_kbps: float = 2048.0, date: str | None = "2026-03-01") -> Design:
    """HQ plus branches around one MPLS cloud, at real canvas positions, the first branches named awkwardly."""
    sites = [Site(id="hq", name="Headquarters", kind="hq", users=400, cucm_publisher=True, cucm_subscribers=2,
                  x=0.0, y=-60.0)]
    for i in range(1, n_sites):
        angle = 2 * math.pi * i / max(1, n_sites - 1)
        name = names[i - 1] if i - 1 < len(names) else f"Branch {i:03d}"
        sites.append(Site(id=f"b{i}", name=name, kind="datacenter" if i == 1 else "branch", users=20 + 7 * i,
                          survivability="srst", srst_platform="2811", x=420 * math.cos(angle),
                          y=420 * math.sin(angle)))
    links = [Link(id=f"l-{s.id}", a=s.id, b="mpls", name=f"{s.id} access",
                  capacity_kbps=capacity_kbps if s.id != "b2" else 256.0) for s in sites]
    return Design(name="Contoso <WAN> & voice", customer="Contoso AG", author="A. Engineer", date=date,
                  vpn={"technology": technology}, sites=tuple(sites),
                  clouds=(Cloud(id="mpls", name="MPLS VPN", kind="mpls", x=0.0, y=0.0),), links=tuple(links))


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def section_text(text: str, title: str) -> str:
    """The text of one numbered section (or the appendix) of a PDF read back, whitespace flattened: from its heading
    ('9  Options considered': the number, two spaces, the title; after the contents page) to the next heading."""
    import re

    body = text.index("Contents") + len("Contents")
    start = re.search(rf"(?m)^(\d+)  {re.escape(title)}$", text[body:])
    assert start is not None, f"no section {title!r}"
    begin = body + start.end()
    after = re.search(rf"(?m)^{int(start.group(1)) + 1}  \S", text[begin:])
    end = begin + after.start() if after is not None else len(text)
    return " ".join(text[begin:end].split())


def options_design(n_sites: int = 5) -> Design:
    """star_design in GET VPN on Ethernet (G.711, the default codec) with two saved options: G.711 and G.729."""
    from advisor.model import Scenario

    design = star_design(n_sites, technology="getvpn")
    return design.model_copy(update={"scenarios": (Scenario(name="G.711", codec="g711"),
                                                   Scenario(name="G.729", codec="g729"))})


def drawing_strings(group) -> list[str]:
    """The texts of a reportlab drawing's strings, depth first."""
    out = []
    for node in getattr(group, "contents", ()):
        out += drawing_strings(node) if hasattr(node, "contents") else [node.text] if hasattr(node, "text") else []
    return out
