"""The sentences of the seed article (and of the guides named beside them) that the rules apply, quoted once.

Rationales and reasons cite these constants so the wording a user reads is the wording of the source.
"""

from __future__ import annotations

SEED = "T. Mlakar, 'Security of Applications Moving to a Network' (NIL)"  # cited by author and title
SRND = "Cisco Unified Communications SRND"


def cite(sentence: str, source: str = SEED) -> str:
    """A source and its sentence: in quotation marks when the sentence is the source's own words, labelled as a
    paraphrase otherwise (a summary is never printed as a quote)."""
    if sentence in _PARAPHRASES:
        return f"{source} (paraphrased): {sentence}"
    return f"{source}: \u201c{sentence}\u201d"


# --- threats -----------------------------------------------------------------------------------------------------
THREAT_EAVESDROPPING = ("Eavesdropping: customer traffic should be protected using isolation and encryption to "
                        "prevent unauthorized capture of traffic.")
THREAT_MALICIOUS = ("Malicious content: traffic should be filtered to prevent malicious traffic from damaging "
                    "customer endpoints.")
THREAT_RESOURCES = ("Call-processing servers and network infrastructure should be protected from malicious packets "
                    "and denial-of-service (DoS) attacks, to ensure that the MSP can provide continuous service.")
ANYONE_CAN_CAPTURE = ("On your local network, on other networks with which you communicate, and all points between "
                      "(including at the service provider), anyone can capture voice or video traffic.")
TRUSTED_BOUNDARY = ("As traffic leaves the trusted boundary of the customer site, security measures are necessary "
                    "to protect that traffic.")

# --- LAN ---------------------------------------------------------------------------------------------------------
LAN_ARP = ("This can be done with Layer-2 attacks such as ARP spoofing, where an attacker can perform a "
           "man-in-the-middle attack and capture and/or replay all voice packets. To prevent such attacks, "
           "appropriate security measures should be taken for LAN switches on local networks.")
LAN_VOICE_VLAN = ("To ensure communications privacy and integrity, voice traffic has to be separated from data "
                  "traffic. This can be done using the Voice VLAN feature on Cisco Catalyst switches.")
LAN_FEATURES = ("These switches offer also other security features, such as port security, DHCP snooping, "
                "dynamic ARP inspection and IP Source Guard.")

# --- routing -----------------------------------------------------------------------------------------------------
ROUTING_AUTH = ("To prevent the introduction of false routing information, routing protocol authentication and "
                "filtering of routing updates should be enabled for all known routing protocols.")

# --- isolation and encryption ------------------------------------------------------------------------------------
ISOLATION_MPLS = ("Customer traffic should be isolated from other traffic inside the MSP's network. This can be done "
                  "using one of the VPN technologies, such as Multiprotocol Label Switching (MPLS) VPN.")
MPLS_ANY = ("MPLS VPN combines MPLS and Multiprotocol Border Gateway Protocol (MP-BGP) technologies to allow several "
            "sites to interconnect transparently through a service provider's network.")
MPLS_CLEAR = ("However, isolation of customer traffic inside MPLS VPN relies solely on the lack of routing "
              "information inside one VPN on how to reach another one. Customer traffic is still sent over the "
              "network in unencrypted form, allowing attacker to capture and replay it.")
ISOLATION_PLUS_ENCRYPTION = ("The bottom line is that to achieve privacy, the customer must not rely only on traffic "
                             "isolation. Traffic isolation should be combined with traffic encryption.")
TLS_SIGNALLING = ("To encrypt and authenticate the signaling traffic used in voice applications, Cisco IP phones and "
                  "CUCM support Transport Layer Security (TLS) encryption and authentication of Skinny Call Control "
                  "Protocol (SCCP) and Session Initiation Protocol (SIP) signaling traffic.")
SRTP_MEDIA = ("To encrypt actual voice traffic between voice endpoints, Secure Real-time Transfer Protocol (SRTP) "
              "can be used.")
SRTP_KEYS = ("If the signaling messages are not protected, an attacker could easily learn the keys by sniffing the "
             "signaling messages. To ensure protection of the keys, CUCM requires signaling to be authenticated and "
             "encrypted with TLS.")
SECURITY_MODES = ("Authenticated: this mode provides authenticated signaling only (TLS SHA-1). ... Encrypted: this mode "
                  "provides authenticated and encrypted signaling (TLS SHA-1 and TLS AES) and authenticated and "
                  "encrypted voice data transfer (SRTP SHA-1 and SRTP AES).")

# --- IPsec family ------------------------------------------------------------------------------------------------
IPSEC_SITES = ("However, IPsec cannot be established directly between endpoints, which are IP phones in the case of "
               "voice traffic. IPsec can be established between customer sites (between routers) to protect traffic "
               "over the service providers' network.")
IPSEC_NO_ROUTING = ("GRE over IPsec: a limitation of IPsec is that you cannot run dynamic routing protocols over an "
                    "IPsec tunnel.")
GRE_FOR_ROUTING = ("If you have more customer sites, and you want to use routing protocols to advertise routing "
                   "information from one site to another over the service provider's network, you have to use GRE "
                   "over IPsec tunnels.")
GRE_OVERWHELMING = ("Dynamic Multipoint VPN (DMVPN): when there are many customer sites in a hub-and-spoke topology, "
                    "manual configuration and provisioning of manual GRE over IPsec tunnels can be overwhelming.")
DMVPN_ON_DEMAND = ("In DMVPN, GRE over IPsec tunnels are manually configured only between spokes and hub. "
                   "Spoke-to-spoke tunnels are built dynamically when one spoke has traffic to send to another spoke.")
GRE_OVERHEAD = ("GRE over IPsec introduces up to 97 bytes of overhead when tunnel mode is used, and up to 77 bytes of "
                "overhead when transport mode is used.")
OVERHEAD_CRITICAL = ("The extra bandwidth can be critical for voice packets, which have high transmission rates and "
                     "a small voice-packet size.")
GETVPN_LATENCY = ("GET VPN is a next-generation WAN encryption technology that helps to ensure low latency and low "
                  "jitter for voice, video and other latency-sensitive traffic, by enabling direct, \u201calways on\u201d "
                  "communications between all customer sites.")
GETVPN_NO_TUNNELS = ("GET VPN introduces the concept of a trusted group to eliminate point-to-point tunnels and their "
                     "associated overlay routing.")
GETVPN_KEY_SERVER = ("These security associations are created by the key server and are pushed down to all group "
                     "members using the Group Domain of Interpretation (GDOI) protocol.")
GETVPN_PRIVATE = "GET VPN usage is especially recommended on private WANs, such as MPLS VPNs, where overlay routing is not needed."
GETVPN_HEADER = ("However, GET VPN uses tunnel header preservation, which encapsulates data using the original source "
                 "and destination addresses in the outer IP header to preserve original addresses.")
TABLE1 = ("Table 1, with its columns as the article's text describes them: GRE over IPsec \u2014 public Internet, hub-and-spoke; DMVPN \u2014 "
          "public Internet, hub-and-spoke and spoke-to-spoke; GET VPN \u2014 private WAN, full mesh, no overlay.")
NGE = "Cisco 'Next Generation Cryptography' guidance"
NGE_LEGACY = ("DES and MD5 are rated 'Avoid', 3DES 'Legacy' (short key lifetime) and HMAC-SHA-1 'Acceptable'; AES "
              "and SHA-256 or stronger are the recommended replacements.")
NGE_GCM = ("AES-GCM (128 and 256 bit) is the Next Generation Encryption choice for authenticated encryption: one "
           "algorithm encrypts and authenticates, so ESP needs no separate HMAC.")
CISCO_COMPARISON = "Cisco DMVPN / FlexVPN / GET VPN comparison"
MULTICAST_REPLICATION = "Multicast is replicated at the hub for DMVPN and in the WAN core for GET VPN."
CISCO_VTI = "Cisco IOS Security Configuration Guide, 'IPsec Virtual Tunnel Interfaces'"
VTI_ROUTING = ("A virtual tunnel interface is a routable interface protected by IPsec ('tunnel mode ipsec ipv4'): "
               "it carries dynamic routing and multicast without GRE, and replaces crypto maps.")
CISCO_FLEXVPN = "Cisco FlexVPN configuration guide (IKEv2)"
FLEXVPN = ("FlexVPN builds hub-and-spoke IKEv2 tunnels from one virtual template at the hub, and spoke-to-spoke "
           "shortcuts on demand with NHRP.")

# --- firewall ----------------------------------------------------------------------------------------------------
FW_GENERAL = ("Firewalls should be used in an MSP network and on customer sites to inspect packets and match them "
              "against configured rules.")
FW_ACCESS = ("Restricting access to the Cisco Unified Communications Manager servers significantly reduces the risk "
             "of an attacker probing the system for vulnerabilities or exploiting access through unauthorized "
             "network channels.")
FW_INSPECT = ("Voice signaling traffic can be rate-limited to prevent DoS attacks, and maximum message lengths can be "
              "set to prevent buffer-overflow attacks on call processing servers.")
FW_TCP = ("Advanced TCP security engine: the advanced TCP security engine can protect call processing and applications servers from several "
          "attacks, including SYN flood attacks using SYNC cookies.")
FW_IPS = ("The module provides IPS services that are optimized for unified communications ... it also helps to "
          "prevent OS attacks on call-control servers.")
FW_CONN = ("Cisco ASA can be configured to match specific traffic and then set to a maximum number of TCP, UDP and "
           "embryonic connections for all clients or for each client in the specified traffic class.")
FW_TLS_PROXY = ("TLS proxy: addresses encrypted signaling and firewall integration concerns in situations in which "
                "encrypted signaling leaves unified communications firewalls unable to open ports or apply policies "
                "dynamically.")

# --- availability ------------------------------------------------------------------------------------------------
AV_CLUSTER = ("The MSP can provide high availability by clustering several CUCM servers into a single entity. Cisco "
              "Unified Communications Manager clusters support load balancing and call-processing server redundancy.")
AV_SRST = ("The Cisco Unified Survivable Remote Site Telephony (SRST) feature, available on Cisco IOS routers (voice "
           "gateways), provides call processing service to local IP phones during WAN outages.")
AV_SRST_PSTN = ("The SRST router can then process calls between registered IP phones and send calls to other sites "
                "thorough the PSTN.")
AV_WAN_DOWN = ("However, if the IP WAN connection goes down on one site, and CUCM is located at the other site, "
               "customers have to take care of intra-site call signaling.")
MODELS = ("CUCM can be deployed using the following models: single-site, multisite with centralized call "
          "processing, multisite with distributed call processing and clustering over WAN.")

# --- network devices ---------------------------------------------------------------------------------------------
NFP = ("NFP protects infrastructure and provides continuous service delivery by securing the routers' data, control "
       "and management plane.")
NFP_CPPR = ("Control plane protection (CPPr): used to restrict and police traffic destined for the router's control "
            "plane.")
NFP_ROUTING = "Routing protocol protection: used to prevent introduction of false routing information into a network."
NFP_THRESHOLDS = ("CPU and memory threshold notifications: the CPU threshold notification feature allows you to "
                  "configure a CPU utilization threshold that, when crossed, triggers notifications.")
NFP_MPP = ("Cisco Management Plane Protection (MPP): enables you to restrict the interface on which network "
           "management can enter the router.")

# --- endpoints ---------------------------------------------------------------------------------------------------
EP_HARDEN = ("Customers or providers (in the case of managed services) have to make sure that IP phones are "
             "hardened as well.")
EP_SIGNED = ("Enable signed phone loads: prevents falsification of phone images and configurations sent to phones "
             "from a TFTP server.")
EP_PC_PORT = ("Disable PC port: the PC port should be disabled when phones reside in special areas, such as a "
              "building lobby, where no additional PC access is allowed.")
EP_SETTINGS = ("Disable settings access: restricts access to the IP phone settings, in order to avoid the risk of "
               "exposing details about the network infrastructure.")
EP_GARP = ("Disable gratuitous ARP (GARP): used to prevent man-in-the-middle attacks. With GARP disabled, phones "
           "ignore received GARP packets.")
EP_PC_VOICE_VLAN = ("Disable PC voice VLAN access: by default, phones send all traffic (including voice traffic "
                    "destined for the phone) to the PC over the PC port, where it can be sniffed.")
EP_WEB = ("Disable Web Access: disable access to the IP phone from a web browser, to avoid the risk of exposing "
          "details about the network infrastructure.")
EP_CTL = ("IP phones require a list of CAs that they should trust. The Cisco Certificate Trust List (CTL), which is "
          "downloaded to these phones, is used for that purpose.")

# --- deployment (SRND figures) -----------------------------------------------------------------------------------
SRND_COW_RTT = ("Clustering over the WAN: the round-trip time between any two call-processing servers must not exceed "
                "80 ms (40 ms one way) for CUCM 6.1 and later; earlier releases allow 40 ms round trip.")
SRND_COW_BW = ("Clustering over the WAN: provision at least 1.544 Mbps for intra-cluster communication signalling "
               "(ICCS) plus bandwidth for database and other inter-server traffic for every remote server, in "
               "addition to voice and data.")
SRND_CLUSTER = "A CUCM cluster has one publisher and up to 8 call-processing subscribers."
SRND_CAC = ("Classic locations-based call admission control assumes a hub-and-spoke topology (or an MPLS cloud "
            "treated as a spokeless hub); before CUCM 9 other topologies needed RSVP-based call admission control, "
            "and Enhanced Locations CAC (CUCM 9 and later) models any topology.")
SRND_PSTN = ("During a WAN outage, calls leave the branch through its local PSTN gateway; automated alternate "
             "routing (AAR) also reroutes calls over the PSTN when call admission control refuses them.")
G114 = "ITU-T G.114: one-way delay of up to 150 ms is acceptable for most user applications."

# Constants above that are not verbatim seed sentences (labels, guides, the corrected Table 1): the test that
# checks every other constant against the article skips these.
NOT_FROM_SEED = frozenset({"SEED", "SRND", "NGE", "NGE_LEGACY", "NGE_GCM", "CISCO_COMPARISON", "MULTICAST_REPLICATION",
                           "CISCO_VTI", "VTI_ROUTING", "CISCO_FLEXVPN", "FLEXVPN",
                           "TABLE1", "SRND_COW_RTT", "SRND_COW_BW", "SRND_CLUSTER", "SRND_CAC", "SRND_PSTN", "G114"})

# Every constant above that summarises a source instead of quoting it: `cite` labels these as paraphrases.
_PARAPHRASES = frozenset(globals()[name] for name in NOT_FROM_SEED
                         - {"SEED", "SRND", "NGE", "CISCO_COMPARISON", "CISCO_VTI", "CISCO_FLEXVPN"})
