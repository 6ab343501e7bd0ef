"""`advisor calc`: one call's packet, layer by layer, and its bandwidth per direction."""

from __future__ import annotations

import argparse

from advisor import esp, numbers
from advisor.cli._common import UsageError, print_json, quoted, table, takes_numerals
from advisor.cli._whole import whole_number
from advisor.layer2 import L2_CONVENTIONS
from advisor.packet import ESP_VPNS, SRTP_TAG_BYTES, VPNS, CallSpec, PacketError, compute, formula_lines
from advisor.packet_spec import MAX_METADATA_BYTES

# CallSpec field -> the option that sets it, so engine errors name what the user typed.
OPTION_FOR_FIELD = {
    "codec": "--codec", "ptime_ms": "--ptime", "bitrate_kbps": "--bitrate", "l2": "--l2", "l2_bytes": "--l2-bytes",
    "crtp": "--crtp", "srtp": "--srtp", "srtp_mki_bytes": "--srtp-mki", "vpn": "--vpn",
    "ipsec_mode": "--ipsec-mode", "cipher": "--cipher", "integrity": "--integrity", "gre_key": "--gre-key",
    "nat_t": "--nat-t", "ipv6": "--ipv6", "getvpn_metadata_bytes": "--getvpn-metadata",
    "mpls_labels": "--mpls-labels", "calls": "--calls",
}
_GRE_VPNS = ("gre", "gre-ipsec", "dmvpn")
_ESP_OPTIONS = (("ipsec_mode", "--ipsec-mode"), ("cipher", "--cipher"), ("integrity", "--integrity"))


bytes_count = whole_number("a whole number of bytes")
labels_count = whole_number("a whole number of labels")


def decimal(expected: str):
    """An argparse `type=` reading a decimal number, its refusal in the option's words: argparse's own float said
    "invalid float value: '1,5'" (`--ptime 20ms`, `--bitrate .`), where `erlang --traffic 1,5` says "expected a
    number of Erlangs". The parser's checks for `float` (other scripts' digits, '_', beyond what a float holds)
    run as before."""

    @takes_numerals
    def read(text: str) -> float:
        from advisor.cli import _beyond_floats

        if problem := _beyond_floats(text, float):
            raise argparse.ArgumentTypeError(problem)
        try:
            return float(text)
        except ValueError:
            shown = quoted(text) if len(text) <= 40 else f"a value of {len(text):,} characters"
            comma = " (write it without commas: 1.5, 1000)" if "," in text else ""
            raise argparse.ArgumentTypeError(f"expected {expected}, got {shown}{comma}") from None

    read.__name__ = "number"
    return read


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "calc", help="one call's packet and bandwidth",
        description="One voice call's packet, layer by layer, and its bandwidth per direction. Figures follow "
        "Cisco's per-call convention for layer 2 (TAC 'Voice Over IP - Per Call Bandwidth Consumption') and the "
        "ESP padding rule Cisco IOS uses for IPsec (RFC 4303).")
    p.add_argument("--codec", default="g711", metavar="ID", help="codec id or alias (default g711); see 'advisor codecs'")
    p.add_argument("--ptime", type=decimal("a number of milliseconds"), metavar="MS", help="packetization time in ms (default: the codec's)")
    p.add_argument("--bitrate", type=decimal("a number of kbps"), metavar="KBPS", help="target bit rate, variable-rate codecs (opus) only")
    p.add_argument("--l2", choices=list(L2_CONVENTIONS), metavar="ID",
                   help=f"layer 2: {', '.join(L2_CONVENTIONS)} (default ethernet)")
    p.add_argument("--l2-bytes", type=bytes_count, metavar="N",
                   help="custom layer-2 bytes per packet (implies --l2 custom)")
    p.add_argument("--crtp", type=bytes_count, choices=[0, 2, 4], default=0, help="compressed RTP header bytes (serial links)")
    p.add_argument("--srtp", choices=list(SRTP_TAG_BYTES), default="none", help="SRTP suite (adds its tag)")
    p.add_argument("--srtp-mki", type=bytes_count, default=0, metavar="N", help="SRTP MKI bytes (default 0)")
    p.add_argument("--vpn", choices=list(VPNS), default="none", help="tunnel or IPsec family (default none)")
    p.add_argument("--ipsec-mode", choices=["default", "tunnel", "transport"],
                   help="ESP mode (default: transport for gre-ipsec and dmvpn, tunnel otherwise; vti, "
                        "flexvpn and getvpn are always tunnel mode)")
    p.add_argument("--cipher", choices=list(esp.CIPHERS), help="ESP cipher (default aes-cbc)")
    p.add_argument("--integrity", choices=list(esp.INTEGRITY_ICV_BYTES), help="ESP integrity (default sha1-96)")
    p.add_argument("--gre-key", action=argparse.BooleanOptionalAction, default=None,
                   help="GRE tunnel key, +4 B (default: on for dmvpn, off otherwise)")
    p.add_argument("--nat-t", action="store_true", help="a NAT on the path: UDP 4500 encapsulation, +8 B")
    p.add_argument("--ipv6", action="store_true", help="native IPv6 network: every IP header is 40 B")
    p.add_argument("--getvpn-metadata", type=bytes_count, metavar="N", help="GET VPN metadata bytes per packet (default 0)")
    p.add_argument("--mpls-labels", type=labels_count, default=0, metavar="N", help="MPLS labels in the provider core "
                   "(shown, never added to the access-link figures)")
    p.add_argument("--calls", type=calls_count, metavar="N",
                   help="concurrent calls, a whole number (1000, 1e6): adds the total")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--explain", action="store_true", help="also print each figure's formula with the numbers")
    p.set_defaults(handler=run)


# The path MTU the design checks assume (advisor.traffic.PATH_MTU_BYTES; not imported: calc must start fast)
PATH_MTU_BYTES = 1500
MAX_CALLS = 10**15  # ample for any network; beyond it the totals are only digits


# `--calls`: a whole number, also written as 1e6 (argparse names the option in front of the message)
calls_count = whole_number("a whole number of calls", MAX_CALLS)


def note(message: str) -> None:
    from advisor.cli._streams import to_stderr

    to_stderr(f"advisor: note: {message}")


def spec_from_args(args: argparse.Namespace, notes: list[str]) -> CallSpec:
    """The CallSpec the options describe. Options that cannot apply to the chosen --vpn change nothing and are
    named in `notes`, which `run` prints on stderr once the packet is computed (scripts often pass one fixed set of
    options for every row of a table); a command refused for another option says its error alone."""
    ignored = []
    if args.vpn not in ESP_VPNS:
        ignored += [option for field, option in _ESP_OPTIONS if getattr(args, field) is not None]
    if args.gre_key is not None and args.vpn not in _GRE_VPNS:
        ignored.append("--gre-key")
    if args.getvpn_metadata is not None and args.vpn != "getvpn":
        ignored.append("--getvpn-metadata")
        if not 0 <= args.getvpn_metadata <= MAX_METADATA_BYTES:  # no effect, but no value either: refused as with
            raise UsageError(f"--getvpn-metadata: GET VPN metadata must be a whole number from 0 to "  # getvpn
                             f"{MAX_METADATA_BYTES} (got {args.getvpn_metadata:,})")
    if ignored:
        notes.append(f"{', '.join(ignored)} {'has' if len(ignored) == 1 else 'have'} no effect with --vpn {args.vpn}")
    elif args.cipher == "aes-gcm" and args.integrity not in (None, "none"):
        # AES-GCM authenticates the packet itself (its 16 B ICV): the integrity given was dropped in silence
        notes.append(f"--integrity {args.integrity} has no effect with --cipher aes-gcm, which carries its own "
                     "integrity check (16 B ICV)")
    l2_bytes = args.l2_bytes
    if l2_bytes is not None and args.l2 not in (None, "custom"):
        # A published table may count a known layer 2 differently (6 vs 7 B for MP/FRF.12): the count wins.
        notes.append(f"--l2-bytes {l2_bytes} replaces the {args.l2} convention's count")
        args.l2 = "custom"
    l2 = args.l2 or ("custom" if args.l2_bytes is not None else "ethernet")
    return CallSpec(  # + 0.0: '--ptime -0' was refused as "packetization time -0 ms", as erlang reads '-0' as 0
        codec=args.codec, ptime_ms=_zero_plain(args.ptime), bitrate_kbps=_zero_plain(args.bitrate), l2=l2,
        l2_bytes=l2_bytes,
        crtp=args.crtp, srtp=args.srtp, srtp_mki_bytes=args.srtp_mki, vpn=args.vpn,
        ipsec_mode=args.ipsec_mode or "default", cipher=args.cipher or "aes-cbc",
        integrity=args.integrity or "sha1-96", gre_key=args.gre_key if args.vpn in _GRE_VPNS else None,
        nat_t=args.nat_t, ipv6=args.ipv6,
        getvpn_metadata_bytes=(args.getvpn_metadata or 0) if args.vpn == "getvpn" else 0, mpls_labels=args.mpls_labels,
        calls=1 if args.calls is None else args.calls,
    )


def _zero_plain(value: float | None) -> float | None:
    """-0.0 as 0.0 (IEEE: -0 + 0 = +0), as the design file reads it; None stays None."""
    return None if value is None else value + 0.0


def run(args: argparse.Namespace) -> int:
    notes: list[str] = []
    spec = spec_from_args(args, notes)
    try:
        result = compute(spec)
    except PacketError as exc:
        # the error alone: "--cipher has no effect with --vpn none" above it made a refusal two lines
        raise UsageError(f"{OPTION_FOR_FIELD.get(exc.field, exc.field)}: {exc}") from None
    for text in notes:
        note(text)
    if result.ip_packet_bytes > PATH_MTU_BYTES:  # G.711 at 200 ms in GRE over IPsec: 1,704 B, priced as one packet
        note(f"the IP packet is {result.ip_packet_bytes:,} B, more than a {PATH_MTU_BYTES:,}-byte path MTU: it would "
             "be fragmented, and the figures count it as one packet; use a shorter --ptime")
    if args.json:
        out = result.to_json()
        if args.explain:
            out["formulas"] = formula_lines(result)
        print_json(out)
        return 0
    print(render(result))
    if args.explain:
        print("\nformulas:")
        print("\n".join(f"  {line}" for line in formula_lines(result)))
    return 0


def render(result) -> str:
    """The human report: header, aligned layer table, totals, conventions."""
    r = result
    head = (f"{r.codec.name} ({r.codec.id}), {r.ptime_ms:g} ms, {r.packets_per_second:.2f} packets/s, "
            f"{r.payload_bytes:,} B payload; {r.encapsulation}")
    rows = [[layer.name, f"{layer.bytes:,}", "yes" if layer.overhead else "no", layer.note] for layer in r.layers]
    rows += [[f"({layer.name})", f"{layer.bytes:,}", "core", layer.note] for layer in r.core_layers]
    layers = table(rows, ["layer", "bytes", "overhead", "note"], "lrll")
    calls = f"{numbers.count(r.spec.calls)} call{'' if r.spec.calls == 1 else 's'}"
    totals = [
        ("payload", f"{r.payload_bytes:,} B", ""),
        ("clear packet (P)", f"{r.clear_ip_bytes:,} B", "IP packet before any tunnel, SRTP tag included"),
        ("IP packet", f"{r.ip_packet_bytes:,} B", "on the wire at layer 3, tunnel headers included"),
        ("frame", f"{r.frame_bytes:,} B", "with layer 2"),
        ("kbps at layer 3", numbers.kbps(r.kbps_ip), "per direction, per call"),
        ("kbps with layer 2", numbers.kbps(r.kbps), "per direction, per call"),
        ("overhead", f"{r.overhead_bytes:,} B", "added by tunnel and security over P"),
        ("worst-case overhead", f"{r.max_overhead_bytes:,} B",
         "ESP padding at its maximum (B - 1)" if r.esp_block_bytes else "no ESP padding"),
        (f"total, {calls}", numbers.kbps(r.total_kbps), "per direction, with layer 2"),
    ]
    width = max(len(name) for name, _, _ in totals)
    value_width = max(len(value) for _, value, _ in totals)
    lines = [f"{name.ljust(width)}  {value.rjust(value_width)}  {note}".rstrip() for name, value, note in totals]
    conventions = "\n".join(f"  {text}" for text in r.conventions)
    return f"{head}\n\n{layers}\n\n" + "\n".join(lines) + f"\n\nconventions:\n{conventions}"
