"""Write docs/check-json.schema.json: the JSON Schema of `advisor check FILE --json`.

Built from the result models (`advisor.results`, `advisor.findings.Finding`) with pydantic's `models_json_schema`
(serialization mode), composed the way `advisor.cli.check_cmd.to_json` composes the output, then tightened to what
the output really is: every field is always present (required), objects built from models are closed
(`additionalProperties: false`), and fields whose values come from a fixed set carry an `enum`. Descriptions (with
units) live here, not in the models; a field without one here gets the comment next to it in the model's source.

Deterministic (sorted keys, indent 2, trailing newline): `tests/core/test_check_schema.py` regenerates the schema in
memory and compares it with the committed file, so run this script after changing a result model or the catalogue:

    .venv/bin/python scripts/make_check_schema.py
"""

from __future__ import annotations

import inspect
import io
import json
import tokenize
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from advisor import findings, model, results, traffic
from advisor.findings import CATALOGUE, Finding
from advisor.results import (
    Candidate,
    ChecklistItem,
    DelayResult,
    DeploymentResult,
    LinkResult,
    MtuAdvice,
    Reason,
    Recommendation,
    SiteResult,
    TransportChoice,
)
from advisor.rules.vpn import CANDIDATES

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "check-json.schema.json"
MODELS: tuple[type[BaseModel], ...] = (DeploymentResult, Recommendation, TransportChoice, Candidate, Reason,
                                       LinkResult, SiteResult, MtuAdvice, DelayResult, Finding, ChecklistItem)
# The keys `to_json` writes for the recommendation: exactly the Recommendation model's fields.
RECOMMENDATION_KEYS = ("technology", "chosen", "ranking", "per_transport", "per_cloud")

# Value sets, each taken from the code that produces it (see the comments) or from the model's Literal types.
TECHNOLOGIES = list(traffic.TECHNOLOGY_VPN)  # none, mpls-isolation and the encrypting technologies
CANDIDATE_TECHNOLOGIES = ["none", *CANDIDATES]  # advisor.rules.vpn.rank ('none' only below two sites)
FITS = ["fits", "above the priority-queue share", "overloads a link", "blocked"]  # advisor.rules.vpn._score
LINK_STATUS = ["ok", "llq", "overload"]  # advisor.traffic._price_links
DETECTED = ["single-site", "centralized", "distributed", "clustering-over-wan", "none"]  # rules.deployment.detect
VERDICTS = ["ok", "fail", "n/a"]  # the deployment rules' check rows
CHECK_STATUS = ["in-place", "missing", "n/a"]  # advisor.rules.security_controls
THREATS = ["eavesdropping", "malicious content", "network resources and availability"]  # security_controls
DELAY_TERMS = ["coder delay", "packetization", "serialization", "propagation", "jitter buffer"]  # rules.delay
TUNNELS = list(traffic.TUNNELS)
DEPLOYMENT_MODELS = list(typing.get_args(model.DeploymentModel))
CLOUD_KINDS = list(typing.get_args(model.CloudKind))

ENUMS: dict[tuple[str, str], list] = {
    ("Candidate", "technology"): CANDIDATE_TECHNOLOGIES,
    ("Candidate", "fits"): FITS,
    ("TransportChoice", "transport"): CLOUD_KINDS,
    ("TransportChoice", "technology"): TECHNOLOGIES,
    ("TransportChoice", "chosen"): TECHNOLOGIES,
    ("Recommendation", "technology"): CANDIDATE_TECHNOLOGIES,
    ("Recommendation", "chosen"): TECHNOLOGIES,
    ("LinkResult", "status"): LINK_STATUS,
    ("LinkResult", "technology"): TECHNOLOGIES,
    ("MtuAdvice", "technology"): TUNNELS,
    ("DeploymentResult", "detected"): DETECTED,
    ("DeploymentResult", "intended"): DEPLOYMENT_MODELS,
    ("ChecklistItem", "status"): CHECK_STATUS,
    ("ChecklistItem", "threat"): THREATS,
    ("Finding", "code"): sorted(CATALOGUE),
}

DESCRIPTIONS: dict[tuple[str, str], str] = {
    # Recommendation
    ("Recommendation", "technology"): "The best-ranked candidate for the whole WAN (ranking[0].technology).",
    ("Recommendation", "chosen"): "The effective technology the design is sized and checked with: the "
    "recommendation when the design's vpn.technology is 'recommend', else the user's choice.",
    ("Recommendation", "ranking"): "Every candidate, best first: ordered by fit tier (fits, above the "
    "priority-queue share, overloads a link, blocked), then by score, then getvpn, dmvpn, flexvpn, vti, gre-ipsec, "
    "ipsec, mpls-isolation.",
    ("Recommendation", "per_transport"): "Hybrid WANs (Internet and MPLS/private-WAN clouds), or clouds with their "
    "own technology: one entry per cloud transport. Empty otherwise.",
    ("Recommendation", "per_cloud"): "Cloud id -> the technology that cloud's links use, only where it differs "
    "from `chosen`.",
    # Candidate
    ("Candidate", "technology"): "The candidate technology; none is a candidate only when the design has fewer than "
    "two sites.",
    ("Candidate", "score"): "Points (50 + the reasons' points). Internal: orders candidates within a fit tier "
    "only; compare `fits` first.",
    ("Candidate", "reasons"): "Reasons for and against, in the order the rules add them.",
    ("Candidate", "per_call_kbps"): "kbps per call per direction, layer 2 included, on the link with the most "
    "concurrent calls; on Ethernet when no link is drawn; null when it cannot be computed.",
    ("Candidate", "tunnels"): "Tunnels or crypto peers to configure by hand: N-1 (hub), N(N-1)/2 (GRE full mesh), "
    "0 (GET VPN); null for mpls-isolation and none.",
    ("Candidate", "key_servers"): "GET VPN: cooperative key servers to run (the design's vpn.getvpn_key_servers); "
    "null for the other candidates.",
    ("Candidate", "fits"): "How the candidate fits the links it would run on: fits | above the priority-queue share "
    "(voice above traffic.llq_share of some link) | overloads a link (voice + signalling + cluster traffic above "
    "a link's capacity) | blocked (it leaves a stated need unmet: privacy, dynamic routing, multicast, or the "
    "transport).",
    # Reason
    ("Reason", "rule"): "Rule id, VPN-R0 ... VPN-R7 (docs/rules.md section 1).",
    ("Reason", "text"): "The reason in words, with its figures.",
    ("Reason", "source"): "The sentence of the article or design guide the rule applies.",
    ("Reason", "positive"): "true: a reason for the candidate; false: a reason against it.",
    # TransportChoice
    ("TransportChoice", "transport"): "The kind of the clouds ranked together.",
    ("TransportChoice", "technology"): "The best candidate on this transport's links (or the design's choice when "
    "this transport was not ranked on its own).",
    ("TransportChoice", "chosen"): "The technology this transport's (first) cloud uses.",
    ("TransportChoice", "links"): "Ids of this transport's access links, in design order.",
    ("TransportChoice", "ranking"): "The candidates ranked on these links only (empty when not ranked separately).",
    # LinkResult
    ("LinkResult", "id"): "Link id, as in the design.",
    ("LinkResult", "a"): "One end (site or cloud id).",
    ("LinkResult", "b"): "The other end (site or cloud id).",
    ("LinkResult", "erlangs"): "Busy-hour traffic offered to the link, Erlangs (relayed spoke-to-spoke calls "
    "counted each time they cross it).",
    ("LinkResult", "calls"): "Concurrent calls to carry at the design's grade of service: Erlang B on `erlangs`.",
    ("LinkResult", "per_call_kbps"): "kbps per call per direction with this link's technology, layer 2, cRTP, "
    "SRTP and NAT-T.",
    ("LinkResult", "voice_kbps"): "calls x per_call_kbps, kbps per direction.",
    ("LinkResult", "signalling_kbps"): "Call signalling crossing the link, kbps per direction.",
    ("LinkResult", "kbps"): "voice_kbps + signalling_kbps + cluster_kbps, kbps per direction.",
    ("LinkResult", "capacity_kbps"): "The link's capacity (design), kbps per direction.",
    ("LinkResult", "utilization"): "kbps / capacity_kbps (a fraction: 0.25 = 25 %).",
    ("LinkResult", "llq_share"): "voice_kbps / capacity_kbps (a fraction), compared with traffic.llq_share.",
    ("LinkResult", "encapsulation"): "The encapsulation the per-call figure uses, in words.",
    ("LinkResult", "l2"): "The layer-2 convention used, in words.",
    ("LinkResult", "ip_packet_bytes"): "One voice packet at layer 3, tunnel headers included, bytes.",
    ("LinkResult", "frame_bytes"): "The same packet with layer 2, bytes.",
    ("LinkResult", "hairpin_erlangs"): "Spoke-to-spoke Erlangs this link carries twice (in from one spoke, out to "
    "the other) because a hub overlay relays them; 0 elsewhere.",
    ("LinkResult", "status"): "overload when kbps > capacity_kbps; else llq when llq_share > traffic.llq_share; "
    "else ok.",
    ("LinkResult", "technology"): "The VPN technology this link's calls use (on a hybrid WAN it differs per "
    "transport).",
    ("LinkResult", "cluster_kbps"): "Clustering over the WAN: ICCS + database kbps of every pair of server sites "
    "whose path crosses this link.",
    # SiteResult
    ("SiteResult", "id"): "Site id.",
    ("SiteResult", "name"): "Site name.",
    ("SiteResult", "users"): "Users (they place the calls).",
    ("SiteResult", "phones"): "Phones (signalling is per phone): the site's phones field, else its users.",
    ("SiteResult", "erlangs"): "All busy-hour traffic the site's users originate, Erlangs.",
    ("SiteResult", "intra_erlangs"): "Originated calls that stay in the site, Erlangs.",
    ("SiteResult", "on_net_erlangs"): "Originated calls to other sites, Erlangs.",
    ("SiteResult", "pstn_erlangs"): "PSTN traffic at this site's gateway, Erlangs: its own PSTN calls when it keeps "
    "them, plus the calls hauled to it from other sites.",
    ("SiteResult", "pstn_trunks"): "PSTN trunks (channels) at the grade of service: Erlang B on pstn_erlangs; 0 "
    "at a site without a gateway that is not the PSTN site.",
    ("SiteResult", "wan_erlangs"): "Erlangs offered to the site's WAN access: on-net calls it places and "
    "receives, plus PSTN calls hauled from or to it.",
    ("SiteResult", "signalling_kbps"): "Signalling of the site's phones, kbps per direction (crosses the WAN only "
    "when the site has no call processing).",
    # MtuAdvice
    ("MtuAdvice", "tunnel_overhead_bytes"): "Worst-case tunnel overhead per packet (maximum padding), bytes.",
    ("MtuAdvice", "ip_mtu"): "The tunnel 'ip mtu' to set, bytes.",
    ("MtuAdvice", "tcp_adjust_mss"): "The 'ip tcp adjust-mss' to set, bytes (ip_mtu - 40).",
    ("MtuAdvice", "fragmentation"): "true when a full 1,500-byte packet no longer fits the path.",
    ("MtuAdvice", "text"): "The advice in words.",
    ("MtuAdvice", "technology"): "The tunnel whose worst case this is (the largest one on a hybrid WAN).",
    # DelayResult
    ("DelayResult", "a"): "The calling site.",
    ("DelayResult", "b"): "Its farthest partner: a site, or the PSTN site its calls are hauled to.",
    ("DelayResult", "path"): "Site and cloud ids as the call travels, a first and b last.",
    ("DelayResult", "hub"): "The overlay hub the call is relayed through, or null.",
    ("DelayResult", "terms"): "[term, ms] pairs in the order they add up: coder delay, packetization, "
    "serialization, propagation, jitter buffer.",
    ("DelayResult", "total_ms"): "Mouth-to-ear delay, one way, ms: the sum of the terms.",
    ("DelayResult", "target_ms"): "The design's target (delay.target_ms), ms.",
    ("DelayResult", "coder_source"): "Where the coder delay comes from (or how it was estimated).",
    # DeploymentResult
    ("DeploymentResult", "detected"): "The deployment model detected from the drawing.",
    ("DeploymentResult", "intended"): "The design's stated deployment_model, or auto.",
    ("DeploymentResult", "call_processing_sites"): "Ids of the sites with call-processing nodes, in design order.",
    ("DeploymentResult", "clusters"): "Cluster id -> ids of the sites hosting its call-processing nodes.",
    ("DeploymentResult", "checks"): "[check, verdict, detail with figures] rows, in the order the rules run.",
    # Finding
    ("Finding", "code"): "Stable finding code (advisor.findings.CATALOGUE; codes are never renamed).",
    ("Finding", "severity"): "error | warning | info. Any error makes the exit status 1.",
    ("Finding", "subjects"): "Ids of the sites, clouds and links concerned, or [\"design\"].",
    ("Finding", "message"): "What was found, with its figures.",
    ("Finding", "rationale"): "Why it matters: the rule and the sentence of the source it rests on.",
    ("Finding", "remedy"): "What to do about it.",
    ("Finding", "rule"): "Rule id (docs/rules.md), e.g. VPN-C2.",
    ("Finding", "source"): "The sentence or guide the rule applies.",
    # ChecklistItem
    ("ChecklistItem", "control"): "Stable control id, e.g. LAN-DAI.",
    ("ChecklistItem", "title"): "The control in words.",
    ("ChecklistItem", "threat"): "The threat family the control answers.",
    ("ChecklistItem", "site"): "Site id, or design for design-wide controls.",
    ("ChecklistItem", "status"): "in-place | missing | n/a (does not apply here).",
    ("ChecklistItem", "rationale"): "The article's wording.",
}

MODEL_DESCRIPTIONS = {
    "DeploymentResult": "The CUCM deployment model and its checks (docs/rules.md section 3).",
    "Recommendation": "The VPN ranking (docs/rules.md section 1).",
    "TransportChoice": "One transport of a hybrid WAN, ranked on its own links.",
    "Candidate": "One VPN candidate with its reasons and how it fits the design's links.",
    "Reason": "One reason for or against a candidate.",
    "LinkResult": "The sizing of one link (docs/sizing.md). Rates are kbps per direction.",
    "SiteResult": "The busy-hour traffic of one site.",
    "MtuAdvice": "Tunnel MTU and TCP MSS advice for the largest tunnel overhead in use.",
    "DelayResult": "The worst mouth-to-ear path of the design, term by term.",
    "Finding": "One finding: a code from the catalogue, its severity, subjects and text.",
    "ChecklistItem": "One row of the security checklist (per control and site).",
}

TOP_DESCRIPTIONS = {
    "design": "The design's name.",
    "model": "The detected deployment model (the same as deployment.detected).",
    "deployment": "The deployment model and its checks.",
    "recommendation": "The VPN recommendation: the ranking, the effective technology, and per transport on a "
    "hybrid WAN.",
    "links": "One entry per link, in design order.",
    "sites": "One entry per site, in design order.",
    "mtu": "Tunnel MTU advice; null when neither recommendation.chosen nor any link's technology is a tunnel.",
    "delay": "The worst mouth-to-ear path; null when no calls cross the WAN.",
    "findings": "Ordered by severity (error, warning, info), then code, then subjects.",
    "checklist": "The security checklist: one row per control and site (design-wide controls once).",
    "totals": "Counts and sums over the design.",
    "conventions": "Every convention and default the figures rest on, in words (key -> text); keys may be added.",
}

TOTALS = {
    "sites": ("integer", "Number of sites."),
    "links": ("integer", "Number of links."),
    "users": ("integer", "Users over all sites."),
    "wan_kbps": ("number", "Sum of every link's kbps (per direction)."),
    "errors": ("integer", "Error findings (exit status 1 when > 0)."),
    "warnings": ("integer", "Warning findings."),
}


def field_comments(cls: type) -> dict[str, str]:
    """Field name -> the comment after it in the class's source (`name: type = default  # comment`)."""
    out: dict[str, str] = {}
    source = inspect.getsource(cls)
    last_name, line = None, -1
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.NAME and tok.start[1] == 4 and tok.string in cls.model_fields:
            last_name, line = tok.string, tok.start[0]
        elif tok.type == tokenize.COMMENT and last_name is not None and tok.start[0] == line:
            out[last_name] = tok.string.lstrip("# ").strip()
            last_name = None
    return out


def _tighten(name: str, cls: type[BaseModel], schema: dict) -> dict:
    """Every field present, no other key, descriptions and value sets added, pydantic's defaults and titles gone."""
    comments = field_comments(cls)
    props = schema["properties"]
    for field, prop in props.items():
        prop.pop("default", None)
        prop.pop("title", None)
        text = DESCRIPTIONS.get((name, field)) or comments.get(field)
        if text:
            prop["description"] = text
        values = ENUMS.get((name, field))
        if values is not None:
            if prop.get("type") != "string":
                raise SystemExit(f"{name}.{field}: an enum on a non-string field")
            prop["enum"] = list(values)
    if (name, "terms") == ("DelayResult", "terms"):
        props["terms"]["items"]["prefixItems"][0]["enum"] = list(DELAY_TERMS)
    if name == "DeploymentResult":
        props["checks"]["items"]["prefixItems"][1]["enum"] = list(VERDICTS)
    for key in ENUMS:
        if key[0] == name and key[1] not in props:
            raise SystemExit(f"{name}.{key[1]}: no such field")
    schema["required"] = list(props)
    schema["additionalProperties"] = False
    schema["description"] = MODEL_DESCRIPTIONS.get(name, schema.get("description", ""))
    return schema


def _ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def build() -> dict:
    """The schema as a dict."""
    if tuple(Recommendation.model_fields) != RECOMMENDATION_KEYS:
        raise SystemExit("Recommendation's fields changed: update RECOMMENDATION_KEYS and check_cmd.to_json")
    _keys, generated = models_json_schema([(m, "serialization") for m in MODELS], ref_template="#/$defs/{model}")
    defs = generated["$defs"]
    by_name = {m.__name__: m for m in MODELS}
    if set(defs) != set(by_name):
        raise SystemExit(f"unexpected definitions: {sorted(set(defs) ^ set(by_name))}")
    defs = {name: _tighten(name, by_name[name], schema) for name, schema in defs.items()}
    props = {
        "design": {"type": "string"},
        "model": {"type": "string", "enum": list(DETECTED)},
        "deployment": _ref("DeploymentResult"),
        "recommendation": _ref("Recommendation"),
        "links": {"type": "array", "items": _ref("LinkResult")},
        "sites": {"type": "array", "items": _ref("SiteResult")},
        "mtu": {"anyOf": [_ref("MtuAdvice"), {"type": "null"}]},
        "delay": {"anyOf": [_ref("DelayResult"), {"type": "null"}]},
        "findings": {"type": "array", "items": _ref("Finding")},
        "checklist": {"type": "array", "items": _ref("ChecklistItem")},
        "totals": {"type": "object", "properties": {k: {"type": t, "description": d} for k, (t, d) in
                                                    TOTALS.items()},
                   "required": list(TOTALS), "additionalProperties": False},
        "conventions": {"type": "object", "additionalProperties": {"type": "string"}},
    }
    for key, prop in props.items():
        prop["description"] = TOP_DESCRIPTIONS[key]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "advisor check FILE --json",
        "description": "The one JSON object `advisor check FILE --json` prints (docs/check-json.md). Rates are kbps "
        "per direction, traffic in Erlangs, delays in ms. Generated by scripts/make_check_schema.py from "
        f"{results.__name__} and {findings.__name__}; do not edit by hand.",
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
        "$defs": defs,
    }


def render() -> str:
    """The schema file's exact text."""
    return json.dumps(build(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
