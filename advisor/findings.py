"""Findings: what every check reports, and the catalogue of codes with their severities.

Codes are a contract (SPEC §3.6): other tools read them. Add codes; never rename one.
"""

from __future__ import annotations

from collections import deque
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

M = TypeVar("M", bound=BaseModel)

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

# code -> (default severity, one-line description)
CATALOGUE: dict[str, tuple[Severity, str]] = {
    "VPN-RECOMMENDATION": ("info", "the recommended technology and why"),
    "VPN-ISOLATION-ONLY": ("warning", "voice relies on MPLS isolation with no encryption"),
    "VPN-GETVPN-PUBLIC": ("error", "GET VPN chosen where a link crosses the Internet or a NAT"),
    "VPN-CRYPTOMAP-ROUTING": ("error", "plain IPsec chosen where dynamic routing or multicast is needed"),
    "VPN-HAIRPIN": ("warning", "spoke-to-spoke calls hairpin through a hub"),
    "VPN-MESH-SCALE": ("warning", "GRE over IPsec full mesh with many tunnels to configure"),
    "VPN-KEY-SERVER": ("warning", "GET VPN without a redundant key server"),
    "VPN-LEGACY-CRYPTO": ("warning", "DES or MD5 chosen (error: avoid); 3DES (warning: legacy)"),
    "VPN-INTERNET-CLEAR": ("error", "phones and call control cross the public Internet with no VPN"),
    "VPN-NGE": ("info", "AES-GCM (Next-Generation Encryption) would replace AES-CBC with HMAC"),
    "VPN-HUB-UNLINKED": ("warning", "the overlay's hub site has no WAN link"),
    "BW-LINK-OVERLOAD": ("error", "voice + signalling exceed the link's capacity"),
    "BW-LLQ-SHARE": ("warning", "voice exceeds the priority-queue share (guideline) of the link"),
    "BW-LFI": ("warning", "a slow link carrying data and voice needs link fragmentation and interleaving"),
    "BW-MTU": ("warning", "tunnel overhead, or a voice packet larger than the path MTU, forces fragmentation"),
    "BW-CRTP-INVALID": ("warning", "cRTP on Ethernet or another link the sizing does not compress, or inside an encrypted tunnel"),
    "DEP-MODEL": ("info", "the detected deployment model"),
    "DEP-NO-CALL-PROCESSING": ("error", "phones but no call-processing node"),
    "DEP-SRST-MISSING": ("warning", "a remote site with phones and no survivability"),
    "DEP-SRST-CAPACITY": ("error", "the SRST platform supports fewer phones than the site has"),
    "DEP-SRST-MODE": ("warning", "the survivability mode does not serve the phones' signalling"),
    "DEP-PSTN-FALLBACK": ("warning", "a remote site with no local PSTN gateway"),
    "DEP-COW-RTT": ("error", "clustering over the WAN with RTT above the limit"),
    "DEP-COW-BANDWIDTH": ("error", "intra-cluster bandwidth below the minimum"),
    "DEP-CLUSTER-SIZE": ("error", "more call-processing subscribers or devices than a cluster allows"),
    "DEP-CLUSTER-REDUNDANCY": ("warning", "a cluster without the backup subscribers its redundancy needs"),
    "DEP-CAC-TOPOLOGY": ("warning", "locations-based CAC on a topology that is not hub-and-spoke"),
    "DEP-CAC-VALUES": ("info", "the call admission control values to configure, per location and link"),
    "DEP-DELAY": ("warning", "mouth-to-ear delay between calling sites above the target"),
    "DEP-MODEL-MISMATCH": ("warning", "the intended deployment model differs from the detected one"),
    "DEP-UNREACHABLE": ("warning", "a remote site with phones has no WAN path to call processing"),
    "DEP-PSTN-NO-GATEWAY": ("warning", "PSTN calls with no gateway to size trunks on"),
    "DEP-TRAFFIC-PER-USER": ("warning", "busy-hour traffic above 1 Erlang per user (calls per user × holding time)"),
    "SEC-SRTP-WITHOUT-TLS": ("error", "SRTP with signalling that is not encrypted"),
    "SEC-MEDIA-CLEAR": ("warning", "voice crosses an untrusted network with neither SRTP nor IPsec"),
    "SEC-LAN-L2": ("warning", "LAN controls missing at a site with phones"),
    "SEC-ROUTING-AUTH": ("warning", "routing protocol authentication missing"),
    "SEC-FIREWALL": ("warning", "call-processing site without firewall protection"),
    "SEC-TLS-PROXY": ("info", "encrypted signalling crosses an inspecting firewall"),
    "SEC-DEVICE-PLANES": ("warning", "routers without control/management plane protection"),
    "SEC-ENDPOINT": ("warning", "endpoint hardening missing"),
    "QOS-MARKING": ("info", "the marking plan: EF voice, CS3 signalling, AF41 video"),
    "QOS-PRIORITY-QUEUE": ("info", "the priority-queue bandwidth to configure per link"),
    "QOS-PRECLASSIFY": ("info", "where tunnels need qos pre-classify"),
    "QOS-PER-TUNNEL": ("info", "per-tunnel QoS on DMVPN or FlexVPN hubs"),
    "QOS-INTERNET-SLA": ("warning", "voice over the Internet has no QoS service-level agreement"),
}


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    subjects: tuple[str, ...] = ()
    message: str
    rationale: str
    remedy: str
    rule: str = ""  # rule id, e.g. "VPN-R3"
    source: str = ""  # the seed sentence or guide the rule applies


_set = object.__setattr__
_ALL_FIELDS: dict[type, set[str]] = {}  # per frozen model: every field, the fields-set of a fully given instance


def trusted(cls: type[M], values: dict[str, Any]) -> M:
    """Build a frozen model from values the core computed itself, skipping validation (SPEC §5: an analysis builds
    thousands of results and findings). `values` must hold every field, in declaration order, with the exact types
    validation would produce (floats as float, sequences as tuples); the result then equals, dumps and prints like
    the validated model. Never use it for input that comes from users. (`model_construct` is no help: in pydantic 2
    it is slower than validating.) Instances of a class share one fields-set: pydantic copies it before changing
    it, and a frozen model never changes it."""
    fields_set = _ALL_FIELDS.get(cls)
    if fields_set is None:
        fields_set = _ALL_FIELDS[cls] = set(cls.model_fields)
    obj = cls.__new__(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", fields_set)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def trusted_many(cls: type[M], rows: list[dict[str, Any]]) -> list[M]:
    """`trusted` for many rows at once: the same objects, built by C-level loops (10,000 link and site results
    per analysis at 10,000 sites), each slot set through its own descriptor's `__set__` (one lookup per slot, not
    one per object and slot); by `object.__setattr__` where a class lays its slots out otherwise."""
    setters = _SETTERS.get(cls)
    if setters is None:
        setters = _SETTERS[cls] = _slot_setters(cls)
    n = len(rows)
    objs = list(map(object.__new__, repeat(cls, n)))
    if setters:
        set_dict, set_fields, set_extra, set_private, fields_set = setters
        deque(map(set_dict, objs, rows), 0)
        deque(map(set_fields, objs, repeat(fields_set, n)), 0)
        deque(map(set_extra, objs, repeat(None, n)), 0)
        deque(map(set_private, objs, repeat(None, n)), 0)
        return objs
    fields_set = _ALL_FIELDS.get(cls)
    if fields_set is None:
        fields_set = _ALL_FIELDS[cls] = set(cls.model_fields)
    deque(map(_set, objs, repeat("__dict__", n), rows), 0)
    deque(map(_set, objs, repeat("__pydantic_fields_set__", n), repeat(fields_set, n)), 0)
    deque(map(_set, objs, repeat("__pydantic_extra__", n), repeat(None, n)), 0)
    deque(map(_set, objs, repeat("__pydantic_private__", n), repeat(None, n)), 0)
    return objs


_SETTERS: dict[type, tuple] = {}  # per frozen model: its slots' setters and the fields-set instances share


def _slot_setters(cls: type) -> tuple:
    """The `__set__` of the instance dict's and pydantic's three slots' descriptors, and the fields-set every
    instance shares; () where the class lays them out otherwise."""
    setters = []
    for name in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"):
        owner = next((vars(klass) for klass in cls.__mro__ if name in vars(klass)), None)
        setter = getattr(owner.get(name), "__set__", None) if owner is not None else None
        if setter is None:
            return ()
        setters.append(setter)
    fields_set = _ALL_FIELDS.get(cls)
    if fields_set is None:
        fields_set = _ALL_FIELDS[cls] = set(cls.model_fields)
    return (*setters, fields_set)


def finding(code: str, subjects: tuple[str, ...] | list[str], message: str, rationale: str, remedy: str,
            *, severity: Severity | None = None, rule: str = "", source: str = "") -> Finding:
    """Build a finding; the severity defaults to the catalogue's. Rules call this thousands of times per analysis
    with their own strings, so the few checks validation would make are done here and the model is not
    re-validated."""
    if code not in CATALOGUE:
        raise KeyError(f"unknown finding code {code!r}")
    if severity is not None and severity not in SEVERITY_ORDER:
        raise ValueError(f"unknown severity {severity!r}")
    subjects = tuple(subjects)
    try:  # str.join refuses anything but strings, in C: the type check validation would make, at a fraction
        "".join(subjects)
        "".join((message, rationale, remedy, rule, source))
    except TypeError:
        raise TypeError(f"finding {code}: subjects, message, rationale, remedy, rule and source must be "
                        "strings") from None
    return trusted(Finding, {"code": code, "severity": severity or CATALOGUE[code][0], "subjects": subjects,
                             "message": message, "rationale": rationale, "remedy": remedy, "rule": rule,
                             "source": source})


def findings_many(code: str, items: list[tuple[tuple[str, ...], str, str]], remedy: str, *,
                  severity: Severity | None = None, rule: str = "", source: str = "") -> list[Finding]:
    """`finding(code, subjects, message, rationale, remedy, ...)` for each (subjects, message, rationale) of
    `items`: one finding per site of a 10,000-site design, with the checks made once for what they share."""
    if severity is not None and severity not in SEVERITY_ORDER:
        raise ValueError(f"unknown severity {severity!r}")
    return findings_of([(code, subjects, message, rationale, remedy, rule, source, severity)
                        for subjects, message, rationale in items])


def findings_of(items: list[tuple[str, tuple[str, ...], str, str, str, str, str, Severity | None]]
                ) -> list[Finding]:
    """`finding(code, subjects, message, rationale, remedy, rule=, source=, severity=)` for each item, in order,
    with the same checks made in bulk."""
    rows = []
    for code, subjects, message, rationale, remedy, rule, source, severity in items:
        default = CATALOGUE.get(code)
        if default is None:
            raise KeyError(f"unknown finding code {code!r}")
        if severity is not None and severity not in SEVERITY_ORDER:
            raise ValueError(f"unknown severity {severity!r}")
        rows.append({"code": code, "severity": severity or default[0], "subjects": tuple(subjects),
                     "message": message, "rationale": rationale, "remedy": remedy, "rule": rule, "source": source})
    # The type check validation would make, in C: the distinct types of every text (str or its subclasses only)
    types = set(map(type, chain.from_iterable(map(itemgetter("subjects"), rows))))
    for name in ("message", "rationale", "remedy", "rule", "source"):
        types.update(map(type, map(itemgetter(name), rows)))
    if not all(issubclass(t, str) for t in types):
        bad = next(r["code"] for r in rows if not all(isinstance(x, str) for x in (
            r["message"], r["rationale"], r["remedy"], r["rule"], r["source"], *r["subjects"])))
        raise TypeError(f"finding {bad}: subjects, message, rationale, remedy, rule and source must be "
                        "strings")
    return trusted_many(Finding, rows)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """By severity, code and subjects (stable). Grouped by severity and code first, then each group sorted by
    its subjects: the same order as one sort on the three, several times faster on thousands of findings."""
    groups: dict[tuple[int, str], list[Finding]] = {}
    for f in findings:
        key = (SEVERITY_ORDER[f.severity], f.code)
        group = groups.get(key)
        if group is None:
            groups[key] = [f]
        else:
            group.append(f)
    out: list[Finding] = []
    for key in sorted(groups):
        out.extend(sorted(groups[key], key=_SUBJECTS))
    return out


_SUBJECTS = attrgetter("subjects")
