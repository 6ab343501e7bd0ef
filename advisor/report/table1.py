"""The article's Table 1 (GRE over IPsec, DMVPN, GET VPN) and the words the VPN comparison uses for a candidate's fit
on the links: shared by the PDF (`advisor.report.checks`) and the app's comparison view
(`advisor.ui.classroom.comparison_data`), without reportlab, so the view opens without loading the PDF's libraries
(~110 ms of the app's start-up when the view is on show).
"""

from __future__ import annotations

# Table 1 of the article, with its columns as its text describes them (the published table swaps DMVPN and GRE).
SEED_TABLE_1 = (
    ("", "GRE over IPsec", "DMVPN", "GET VPN"),
    ("Infrastructure network", "Public Internet", "Public Internet", "Private WAN (e.g. MPLS VPN)"),
    ("Network style", "Hub-and-spoke (point-to-point tunnels)", "Hub-and-spoke and dynamic spoke-to-spoke",
     "Full mesh (any-to-any)"),
    ("Dynamic routing", "Yes — overlay", "Yes — overlay", "Yes — no overlay (routes on the WAN itself)"),
    ("Encryption style", "Peer-to-peer", "Peer-to-peer", "Group (one group SA from a key server, via GDOI)"),
)
SEED_TABLE_1_SOURCE = ("Table 1 of \"Security of Applications Moving to a Network\" (T. Mlakar, NIL Data "
                       "Communications), with its columns as the article's text describes them (the published table "
                       "lists DMVPN and GRE over IPsec the other way round); Cisco's DMVPN / FlexVPN / GET VPN "
                       "comparison agrees.")
FIT_LABEL = {"fits": "fits", "above the priority-queue share": "fills a priority queue",
             "overloads a link": "overloads a link", "blocked": "leaves a need unmet"}
