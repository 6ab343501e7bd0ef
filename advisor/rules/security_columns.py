"""The per-site SEC findings a design may have thousands of (SEC-FIREWALL and SEC-TLS-PROXY, one per
call-processing site), built column by column: the same findings, with the same characters, as a loop over the
sites calling `finding` for each (tests/core/test_qos_security_columns.py compares the two)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress, repeat
from operator import and_, attrgetter, not_, or_, truth

from advisor.findings import CATALOGUE, Finding, trusted_many
from advisor.model import Design, Site
from advisor.numbers import counted
from advisor.rules import seed
from advisor.rules._names import Names

__all__ = ["call_processing"]

_ID, _SECURITY = attrgetter("id"), attrgetter("security")

_NO_FIREWALL = "call-processing {} ({}) has no firewall".format
_RATIONALE_FIREWALL = f"{seed.cite(seed.FW_GENERAL)} {seed.cite(seed.FW_ACCESS)}"
_REMEDY_FIREWALL = ("Put an ASA-class firewall in front of the CUCM servers: access control, SIP/SCCP/RTP inspection, "
                    "TCP normalization, IPS and per-client connection limits.")
_NO_TLS_PROXY = ("signalling is TLS-protected ('{}' mode) and the firewall at {} inspects SIP/SCCP without a TLS "
                 "proxy: it cannot open media ports or apply policy to encrypted signalling").format
_RATIONALE_TLS_PROXY = f"{seed.cite(seed.FW_TLS_PROXY)}"
_REMEDY_TLS_PROXY = ("Enable the firewall's TLS proxy for phone-to-CUCM signalling (the firewall becomes a trusted "
                     "device in the CTL).")
_FIREWALL, _INSPECTION, _TLS_PROXY = attrgetter("firewall"), attrgetter("application_inspection"), attrgetter("tls_proxy")
_NODES = attrgetter("call_processing_nodes")


def call_processing(design: Design, sites: list[Site], names: Names) -> list[Finding]:
    """Per call-processing site, in order: SEC-FIREWALL where it has no firewall, else SEC-TLS-PROXY where
    signalling uses TLS and the firewall inspects it without a TLS proxy. A design may have thousands of such
    sites: every text is one C-level pass per column, and the findings are built from their rows at once."""
    secs = list(map(_SECURITY, sites))
    no_firewall = list(map(not_, map(_FIREWALL, secs)))
    mode = design.voice.security_mode
    if mode != "non-secure":  # the firewall inspects TLS-protected signalling without a TLS proxy
        no_proxy = list(map(and_, map(not_, no_firewall), map(and_, map(truth, map(_INSPECTION, secs)),
                                                              map(not_, map(_TLS_PROXY, secs)))))
    else:
        no_proxy = [False] * len(secs)
    ids = list(map(_ID, sites))
    firewall_ids = list(compress(ids, no_firewall))
    nodes = list(map(_NODES, compress(sites, no_firewall)))
    node_words = {n: counted(n, "CUCM node") for n in set(nodes)}
    firewall_rows = _rows("SEC-FIREWALL", firewall_ids,
                          map(_NO_FIREWALL, map(names.site, firewall_ids), map(node_words.__getitem__, nodes)),
                          _RATIONALE_FIREWALL, _REMEDY_FIREWALL, "SEC-R5", seed.FW_ACCESS)
    proxy_ids = list(compress(ids, no_proxy))
    proxy_rows = _rows("SEC-TLS-PROXY", proxy_ids, map(_NO_TLS_PROXY, repeat(mode), map(names.quoted, proxy_ids)),
                       _RATIONALE_TLS_PROXY, _REMEDY_TLS_PROXY, "SEC-R6", seed.FW_TLS_PROXY)
    if not proxy_rows:
        rows = firewall_rows
    elif not firewall_rows:
        rows = proxy_rows
    else:  # in site order: each site has one finding at most
        firsts, seconds = iter(firewall_rows), iter(proxy_rows)
        rows = [next(firsts) if f else next(seconds) for f in compress(no_firewall, map(or_, no_firewall, no_proxy))]
    return trusted_many(Finding, rows)


def _rows(code: str, ids: list[str], messages: Iterable[str], rationale: str, remedy: str, rule: str,
          source: str) -> list[dict]:
    """The fields of one finding per id, in declaration order, as `finding` makes them (`trusted_many` rows)."""
    severity = CATALOGUE[code][0]
    return [{"code": code, "severity": severity, "subjects": (i,), "message": m, "rationale": rationale,
             "remedy": remedy, "rule": rule, "source": source} for i, m in zip(ids, messages, strict=True)]
