"""The titles explanations cite, and how a rule's source text becomes titles plus the sentence it applies.

Only titles the rules and tables already cite appear here (tests/core/test_explain_sources.py checks each against
the code's own source strings): an explanation never invents a reference.
"""

from __future__ import annotations

import functools
import re

from advisor.references import strip_internal
from advisor.rules import seed

PER_CALL = 'Cisco "Voice Over IP – Per Call Bandwidth Consumption" (TAC document 7934)'
SRND = seed.SRND  # "Cisco Unified Communications SRND": bandwidth provisioning, Erlang B sizing, call control
QOS_SRND = "Cisco Enterprise QoS Solution Reference Network Design Guide"
ESP_RFC = "RFC 4303 (IPsec ESP)"
NAT_T_RFC = "RFC 3948 (UDP encapsulation of ESP)"
ARTICLE = seed.SEED

# Every title a rule's source text may name, as the rules spell it; the first of a pair is the spelling shown.
_TITLES: tuple[str, ...] = (
    ARTICLE, PER_CALL, SRND, QOS_SRND,
    'Cisco "Resolve IP Fragmentation, MTU, MSS, and PMTUD Issues with GRE and IPsec"',
    'Cisco "Pre-Fragmentation for IPsec VPNs"', "Cisco DMVPN design guide",
    "Cisco 'Quality of Service for Voice over IP'",
    "Preferred Architecture for Cisco Collaboration 14 Enterprise On-Premises",
    "ITU-T G.114", "Cisco 'Understanding Delay in Packet Voice Networks'",
    "Cisco Voice and Video Enabled IPsec VPN (V3PN) design guide",
    'Cisco "Per-Tunnel QoS for DMVPN" configuration guide', "Cisco IOS in a Nutshell",
    seed.NGE, seed.CISCO_COMPARISON, seed.CISCO_VTI, seed.CISCO_FLEXVPN,
)
# Other spellings of a title in the code's sources -> the title shown.
_ALIASES = {"Cisco TAC doc 7934 'Voice Over IP - Per Call Bandwidth Consumption'": PER_CALL,
            "Cisco TAC doc 7934": PER_CALL, "Cisco Unified Communications Manager SRND": SRND,
            "Mlakar, 'Security of Applications Moving to a Network' (NIL)": ARTICLE}
# The seed module's paraphrases of a guide -> the guide they summarise.
_PARAPHRASE_TITLE = {"NGE_LEGACY": seed.NGE, "NGE_GCM": seed.NGE, "MULTICAST_REPLICATION": seed.CISCO_COMPARISON,
                     "VTI_ROUTING": seed.CISCO_VTI, "FLEXVPN": seed.CISCO_FLEXVPN, "TABLE1": ARTICLE,
                     "G114": "ITU-T G.114"}


@functools.cache
def _seed_sentences() -> dict[str, str]:
    """Each sentence constant of the seed module -> the title it comes from."""
    out: dict[str, str] = {}
    for name, value in vars(seed).items():
        if not name.isupper() or not isinstance(value, str) or name in ("SEED", "SRND", "NGE", "CISCO_COMPARISON",
                                                                         "CISCO_VTI", "CISCO_FLEXVPN"):
            continue
        if name.startswith("SRND_"):
            out[value] = seed.SRND
        else:
            out[value] = _PARAPHRASE_TITLE.get(name, ARTICLE)
    return out


def titles_in(text: str) -> tuple[str, ...]:
    """The known titles a source text names, in the order it names them."""
    found: list[tuple[int, str]] = []
    for title in (*_TITLES, *_ALIASES):
        at = text.find(title)
        if at >= 0:
            found.append((at, _ALIASES.get(title, title)))
    found.sort()
    return tuple(dict.fromkeys(title for _at, title in found))


_LEADING_TITLE = re.compile(r"^(?P<title>[^:“\"]{3,160}?)(?: \(paraphrased\))?: ")


def cited(source: str) -> tuple[tuple[str, ...], str]:
    """(titles, sentence line) for a rule's `source`: a bare sentence of the article becomes a quotation with its
    title; a `seed.cite` text keeps its wording; a guide's paraphrase is kept whole. Empty source: ((), "")."""
    source = plain(source.strip())
    if not source:
        return (), ""
    title = _seed_sentences().get(source)
    if title is not None:
        return (title,), seed.cite(source, title)
    titles = titles_in(source)
    if not titles:
        match = _LEADING_TITLE.match(source)
        titles = (match.group("title"),) if match else ()
    return titles, source


def plain(text: str) -> str:
    """A rule's text without the internal references a reader has no use for (rule ids, table file names)."""
    return strip_internal(text)


def codec_title(codec_source: str) -> str:
    """A codec's standard from its catalogue source: 'ITU-T G.729; Cisco TAC doc 7934 (…)' -> 'ITU-T G.729'."""
    return codec_source.split(";")[0].strip()


def layer2_title(l2_source: str) -> str:
    """A layer-2 convention's source, with Cisco's per-call document spelled as everywhere else."""
    return _ALIASES.get(l2_source, l2_source)
