"""The VPN technology a design's links use, in words, for the one-line summaries (`advisor check`'s "VPN:" line,
the PDF's VPN section).

`Recommendation.chosen` is the design-wide technology: the leased lines' and every cloud's that has none of its
own. On a hybrid WAN the clouds may each run another (`Recommendation.per_cloud`), so `chosen` alone can name a
technology no link uses ("VPN: FlexVPN" for a WAN whose MPLS and Internet links all run static VTI). No reportlab
here: the command line imports it.
"""

from __future__ import annotations

from advisor.model import Design
from advisor.results import Results
from advisor.rules._names import names_for, tech_label, transport_label


def in_use(design: Design, results: Results) -> str:
    """'static VTI (IPsec tunnel interface)' when every link uses it; otherwise each technology with where:
    'GET VPN on the MPLS links; DMVPN on the Internet links and the leased lines'. Without per-cloud technologies,
    the design-wide choice."""
    rec = results.recommendation
    if not rec.per_cloud or not design.links:
        return tech_label(rec.chosen)
    used = _used(design, results)
    if len(used) == 1:
        return tech_label(next(iter(used)))
    kinds: dict[str, set[str]] = {}
    for tech, wheres in used.items():
        for kind, _cloud in wheres:
            kinds.setdefault(kind, set()).add(tech)
    names = names_for(design)

    def place(kind: str, cloud: str) -> str:
        if kind == "leased":
            return "the leased lines"
        if len(kinds[kind]) > 1:  # clouds of one transport that differ: name the cloud
            return f"the links to {names.quoted(cloud)}"
        return f"the {transport_label(kind)} links"

    parts = []
    for tech, wheres in used.items():
        places = list(dict.fromkeys(place(kind, cloud) for kind, cloud in wheres))
        shown = places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]
        parts.append(f"{tech_label(tech)} on {shown}")
    return "; ".join(parts)


def technologies(design: Design, results: Results) -> tuple[str, ...]:
    """The technologies the links use, in drawing order: the design-wide choice alone without per-cloud ones or
    links. With per-cloud technologies it may not hold the design-wide choice at all (a design set to GRE over IPsec
    whose only cloud runs the recommendation), so a line saying the design departs from the recommendation should
    compare these with it rather than `Recommendation.chosen`."""
    rec = results.recommendation
    if not rec.per_cloud or not design.links:
        return (rec.chosen,)
    return tuple(_used(design, results))


def _used(design: Design, results: Results) -> dict[str, dict[tuple[str, str], None]]:
    """technology -> where its links are, (transport kind or 'leased', cloud id), in drawing order."""
    rec = results.recommendation
    clouds = {c.id: c for c in design.clouds}
    used: dict[str, dict[tuple[str, str], None]] = {}
    for link in design.links:
        cloud = link.a if link.a in clouds else link.b if link.b in clouds else None
        tech = rec.per_cloud.get(cloud, rec.chosen) if cloud is not None else rec.chosen
        where = (clouds[cloud].kind, cloud) if cloud is not None else ("leased", "")
        used.setdefault(tech, {})[where] = None
    return used


def departs(design: Design, results: Results) -> bool:
    """Whether the links run something other than the recommendation: the design-wide choice differs from it and
    some link uses another technology (a design set to GRE over IPsec whose only cloud runs the recommendation does
    not depart from it)."""
    rec = results.recommendation
    return rec.chosen != rec.technology and technologies(design, results) != (rec.technology,)
