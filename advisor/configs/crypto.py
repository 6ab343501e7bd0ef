"""The design's ESP cipher and integrity as IOS XE crypto commands: the IPsec transform set, the IKEv2 proposal
(DMVPN, FlexVPN, VTI, GRE over IPsec, crypto maps) and the ISAKMP policy (GET VPN registration, GDOI over IKEv1).

AES-CBC is shown with a 256-bit key (the per-packet sizes are the same for any AES key size); AES-GCM carries its
own 16-byte tag, so it takes no separate integrity. Diffie-Hellman: Cisco's Next Generation Cryptography guidance
rates group 14 the minimum acceptable and groups 19/20 elliptic-curve choices.
"""

from __future__ import annotations

from advisor.configs._base import PSK, comment
from advisor.model import VpnPolicy

ESP_CIPHER = {"aes-cbc": "esp-aes 256", "aes-gcm": "esp-gcm 256", "3des": "esp-3des", "des": "esp-des"}
ESP_INTEGRITY = {"sha1-96": "esp-sha-hmac", "md5-96": "esp-md5-hmac", "sha256-128": "esp-sha256-hmac",
                 "sha384": "esp-sha384-hmac", "sha512": "esp-sha512-hmac", "none": ""}
IKEV2_CIPHER = {"aes-cbc": "aes-cbc-256", "aes-gcm": "aes-gcm-256", "3des": "3des", "des": "des"}
IKE_HASH = {"sha1-96": "sha1", "md5-96": "md5", "sha256-128": "sha256", "sha384": "sha384", "sha512": "sha512",
            "none": "sha256"}
ISAKMP_CIPHER = {"aes-cbc": "aes 256", "aes-gcm": "aes 256", "3des": "3des", "des": "des"}
ISAKMP_HASH = {"sha1-96": "sha", "md5-96": "md5", "sha256-128": "sha256", "sha384": "sha384", "sha512": "sha512",
               "none": "sha256"}
WEAK = {"des": "DES is rated 'Avoid'", "3des": "3DES is rated 'Legacy'", "md5-96": "MD5 is rated 'Avoid'"}
TS = "UC-TS"
IKEV2_PROFILE = "UC-IKEV2-PROFILE"


def ipsec_mode(policy: VpnPolicy, technology: str) -> str:
    """ESP mode as the sizing prices it: transport for GRE over IPsec and DMVPN by default, tunnel otherwise; VTI,
    FlexVPN and GET VPN are always tunnel mode."""
    if technology in ("vti", "flexvpn", "getvpn"):
        return "tunnel"
    if policy.ipsec_mode != "default":
        return policy.ipsec_mode
    return "transport" if technology in ("gre-ipsec", "dmvpn") else "tunnel"


def transform_set(policy: VpnPolicy, technology: str, name: str = TS) -> list[str]:
    parts = [ESP_CIPHER[policy.cipher]]
    if policy.cipher != "aes-gcm" and ESP_INTEGRITY[policy.integrity]:
        parts.append(ESP_INTEGRITY[policy.integrity])
    return [f"crypto ipsec transform-set {name} {' '.join(parts)}", f" mode {ipsec_mode(policy, technology)}"]


def warnings(policy: VpnPolicy) -> list[str]:
    """A comment for a cipher or hash Cisco's guidance rates 'Avoid' or 'Legacy' (the design's choice is kept)."""
    weak = [WEAK[x] for x in (policy.cipher, policy.integrity) if x in WEAK]
    if not weak:
        return []
    return comment(f"The design chooses this: {'; '.join(weak)} in Cisco's Next Generation Cryptography guidance. "
                   "Prefer AES-GCM (or AES-CBC with SHA-256).")


def ikev2_block(policy: VpnPolicy) -> list[str]:
    """IKEv2 proposal, policy, a keyring with a pre-shared key for any peer, and the profile the IPsec profiles use."""
    proposal = ["crypto ikev2 proposal UC-IKEV2-PROPOSAL", f" encryption {IKEV2_CIPHER[policy.cipher]}"]
    if policy.cipher == "aes-gcm":
        proposal.append(f" prf {IKE_HASH[policy.integrity]}")  # AEAD: a PRF, no separate integrity
    else:
        proposal.append(f" integrity {IKE_HASH[policy.integrity]}")
    proposal.append(" group 20 19 14")
    return [
        *warnings(policy),
        *proposal,
        "crypto ikev2 policy UC-IKEV2-POLICY",
        " proposal UC-IKEV2-PROPOSAL",
        "crypto ikev2 keyring UC-KEYRING",
        " peer ANY",
        "  address 0.0.0.0 0.0.0.0",
        f"  pre-shared-key {PSK}",
        f"crypto ikev2 profile {IKEV2_PROFILE}",
        " match identity remote address 0.0.0.0",
        " authentication remote pre-share",
        " authentication local pre-share",
        " keyring local UC-KEYRING",
    ]


def ipsec_profile(policy: VpnPolicy, technology: str, name: str, ikev2_profile: str = IKEV2_PROFILE) -> list[str]:
    return [*transform_set(policy, technology),
            f"crypto ipsec profile {name}", f" set transform-set {TS}", f" set ikev2-profile {ikev2_profile}"]


def isakmp_block(policy: VpnPolicy) -> list[str]:
    """ISAKMP (IKEv1) policy and key: GET VPN group members register to the key servers with GDOI over IKEv1."""
    lines = [*warnings(policy)]
    if policy.cipher == "aes-gcm":
        lines += comment("IKEv1 has no GCM: registration uses AES-CBC; the group's traffic uses AES-GCM (ESP).")
    return [*lines, "crypto isakmp policy 10", f" encryption {ISAKMP_CIPHER[policy.cipher]}",
            f" hash {ISAKMP_HASH[policy.integrity]}", " authentication pre-share", " group 14",
            f"crypto isakmp key {PSK} address 0.0.0.0"]
