"""What the per-call calculator shows while it follows the design: the design's voice and VPN settings, or, with
one link selected, the packet that link's calls use (its layer 2, its technology, NAT-T where the sizing counted it).

Built with ``advisor.traffic.call_spec``, the function the link sizing uses, so the calculator and the link table
agree to the byte.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from advisor import packet, traffic
from advisor.model import Design, Link
from advisor.packet import CallSpec, PacketError
from advisor.results import Results
from advisor.rules._names import names_for, tech_label


@dataclass(frozen=True)
class Source:
    spec: CallSpec
    text: str  # what the settings come from, for the calculator's caption


def design_technology(design: Design, results: Results | None) -> str | None:
    """The design's VPN technology: the chosen one, or the recommended one once the analysis has run."""
    technology = design.vpn.technology
    if technology != "recommend":
        return technology
    return results.recommendation.chosen if results is not None else None


def follow(design: Design, results: Results | None, selected: tuple[str, ...], base: CallSpec,
           current: bool = True) -> Source | None:
    """The settings to show; ``base`` keeps what the design does not set (calls, IPv6, layer 2 without a link).
    ``current``: whether ``results`` are the analysis of ``design`` as it is (`Document.results_current`); when they
    are not (an edit's analysis still to come, or failed), only what the design itself says is followed.

    None while the technology is still to be recommended (the analysis of the design as it is has not run, or failed).
    """
    if not current:
        results = None  # an earlier design's: its recommendation may not be this design's
    links = {x.id: x for x in design.links}
    chosen = [links[i] for i in selected if i in links]
    if len(chosen) == 1 and len(selected) == 1:
        return _link_source(design, results, chosen[0], base)
    technology = design_technology(design, results)
    if technology not in traffic.TECHNOLOGY_VPN:
        return None
    probe = Link(id="calculator", a="a", b="b", l2=base.l2, l2_bytes=base.l2_bytes if base.l2 == "custom" else None)
    spec = _keep(traffic.call_spec(design, technology, probe, nat_on_path=False), base)
    return Source(spec, f"the design's voice and VPN settings ({tech_label(technology)})")


def _link_source(design: Design, results: Results | None, link: Link, base: CallSpec) -> Source | None:
    result = next((r for r in results.links if r.id == link.id), None) if results is not None else None
    technology = (result.technology if result is not None and result.technology else
                  design_technology(design, results) if results is not None else _own_technology(design, link))
    if technology not in traffic.TECHNOLOGY_VPN:
        return None
    spec = traffic.call_spec(design, technology, link, nat_on_path=False)
    if result is not None:
        # NAT-T counts where a NAT sits anywhere on the calls' path, which only the sizing knows: take the variant
        # that gives the packet the link table shows. By its IP packet, not only its frame: on ATM the 8 B of NAT-T
        # often fit the last cell's padding, and the frame alone left them out of the calculator's packet.
        with_nat = traffic.call_spec(design, technology, link, nat_on_path=True)
        shown = (result.ip_packet_bytes, result.frame_bytes)
        if with_nat != spec and _packet_bytes(with_nat) == shown != _packet_bytes(spec):
            spec = with_nat
    return Source(_keep(spec, base), f"{names_for(design).link(link.id)} ({tech_label(technology)})")


def _own_technology(design: Design, link: Link) -> str | None:
    """The technology `link`'s calls use as the design itself sets it, without the analysis (`traffic.
    link_technologies`): its cloud's own, else the design's; None where the advisor chooses it ('recommend')."""
    clouds = {c.id: c for c in design.clouds}
    own = [clouds[end].technology for end in (link.a, link.b) if end in clouds]
    if "recommend" in own:
        return None
    chosen = next((t for t in own if t is not None), design.vpn.technology)
    return None if chosen == "recommend" else chosen


def _keep(spec: CallSpec, base: CallSpec) -> CallSpec:
    return replace(spec, calls=base.calls, ipv6=base.ipv6)


def _packet_bytes(spec: CallSpec) -> tuple[int, int] | None:
    """The IP packet and frame bytes of ``spec``, or None where the engine refuses it."""
    try:
        result = packet.compute(spec)
    except (PacketError, ValueError):
        return None
    return result.ip_packet_bytes, result.frame_bytes
