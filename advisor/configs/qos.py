"""The WAN QoS sketch of a site: voice (EF) in the priority queue sized from the link's busy-hour voice, call
signalling (CS3) guaranteed its bandwidth, under a shaper at the link's capacity; one policy per WAN link.

`priority <kbps>` = the link's voice kbps per direction (concurrent calls × per-call kbps with this link's
encapsulation and layer 2), rounded up to a whole kbps. Marking: EF voice, CS3 signalling (AF31 is matched too:
older devices still mark signalling with it).
"""

from __future__ import annotations

from advisor.configs._base import Context, Section, comment, whole_kbps
from advisor.numbers import counted, kbps, percent
from advisor.results import LinkResult
from advisor.traffic import ENCRYPTING

MIN_CLASS_KBPS = 8  # the smallest `bandwidth` a class takes in IOS
CLASS_MAPS = [
    "class-map match-any VOICE",
    " match dscp ef",
    "class-map match-any CALL-SIGNALLING",
    " match dscp cs3",
    " match dscp af31",
]


def policy_name(link_id: str) -> str:
    return f"WAN-QOS-{link_id}"


def shaper_name(link_id: str) -> str:
    return f"WAN-SHAPE-{link_id}"


def link_policy(ctx: Context, site_id: str, link: LinkResult) -> list[str]:
    """The policy-maps and the interface binding for one WAN link of the site."""
    peer = ctx.other_end(link, site_id)
    voice = whole_kbps(link.voice_kbps)
    signalling = whole_kbps(link.signalling_kbps)
    lines = comment(f"Link {link.id} to {ctx.names.get(peer, peer)}: {counted(link.calls, 'concurrent call')} at the "
                    f"busy hour × {kbps(link.per_call_kbps)} per call ({link.encapsulation}; {link.l2}) = "
                    f"{kbps(link.voice_kbps)} of voice per direction, {percent(link.llq_share)} of the "
                    f"{kbps(link.capacity_kbps)} link; signalling {kbps(link.signalling_kbps)}.")
    lines += [f"policy-map {policy_name(link.id)}", " class VOICE"]
    if voice > 0:
        lines += comment(f"priority = the link's voice {kbps(link.voice_kbps)}, rounded up to a whole kbps",
                         indent="  ")
        lines.append(f"  priority {voice}")
    else:
        lines += comment("no calls cross this link at the busy hour: no priority queue is sized", indent="  ")
    lines.append(" class CALL-SIGNALLING")
    if signalling > 0:
        floor = "" if signalling >= MIN_CLASS_KBPS else f", raised to {MIN_CLASS_KBPS} kbps (the least IOS takes)"
        lines += comment(f"bandwidth = the link's signalling {kbps(link.signalling_kbps)}, rounded up{floor}",
                         indent="  ")
        lines.append(f"  bandwidth {max(signalling, MIN_CLASS_KBPS)}")
    lines += [" class class-default", "  fair-queue"]
    if link.cluster_kbps > 0:
        lines += comment(f"Clustering over the WAN: {kbps(link.cluster_kbps)} of intra-cluster traffic (ICCS and "
                         "database) also crosses this link; give it its own class per your QoS design.")
    lines += comment(f"Shape to the link's capacity, {kbps(link.capacity_kbps)}, so that the queues above "
                     "work below a faster physical port.")
    lines += [f"policy-map {shaper_name(link.id)}", " class class-default",
              f"  shape average {round(link.capacity_kbps * 1000)}", f"  service-policy {policy_name(link.id)}",
              f"interface {ctx.interface(site_id, link.id)}", f" description WAN link {link.id} to {peer}",
              f" service-policy output {shaper_name(link.id)}"]
    return lines


def section(ctx: Context, site_id: str) -> Section:
    links = ctx.site_links.get(site_id, [])
    if not links:
        return Section("QoS (voice priority queue)", tuple(comment("The site has no WAN link: nothing to size.")))
    lines = [*CLASS_MAPS]
    for link in links:
        lines.append("!")
        lines += link_policy(ctx, site_id, link)
    if any(t in ENCRYPTING for t in ctx.site_techs.get(site_id, ())):
        lines += comment("The policy goes on the physical WAN interface: IPsec and GRE copy each packet's DSCP to "
                         "the outer header, so the classes match encrypted voice too.")
    return Section("QoS (voice priority queue from the busy-hour sizing)", tuple(lines))
