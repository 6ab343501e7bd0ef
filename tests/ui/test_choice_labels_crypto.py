"""The Inspector's design lists name crypto suites, IPsec settings and the deployment model as a network engineer
writes them (the scenario form's words), where they showed the file's ids ("sha1-80", "aes-cbc", "hub-and-spoke",
"clustering-over-wan"); picking one writes the id back."""

from __future__ import annotations


def _editors(window, field: str) -> dict:
    return next(g for g in window.inspector._groups if field in g.editors).editors


def test_design_lists_show_standard_names_and_keep_the_ids(window):
    window.document.select(())
    voice, vpn = _editors(window, "srtp"), _editors(window, "cipher")
    srtp = voice["srtp"].widget
    assert [srtp.itemText(i) for i in range(srtp.count())] == [
        "none (RTP in clear)", "AES-CM-128, HMAC-SHA1-80", "AES-CM-128, HMAC-SHA1-32", "AEAD AES-128-GCM"]
    assert vpn["cipher"].widget.currentText() == "AES-CBC"  # was "aes-cbc"
    assert vpn["integrity"].widget.currentText() == "HMAC-SHA1-96"  # was "sha1-96"
    integrity = vpn["integrity"].widget
    assert "HMAC-SHA384-192" in [integrity.itemText(i) for i in range(integrity.count())]  # RFC 4868's name
    assert vpn["gre_topology"].widget.currentText() == "hub and spoke"  # was "hub-and-spoke"
    model = _editors(window, "deployment_model")["deployment_model"].widget
    assert "clustering over the WAN" in [model.itemText(i) for i in range(model.count())]
    srtp.setCurrentIndex(srtp.findText("AES-CM-128, HMAC-SHA1-32"))
    assert window.document.design.voice.srtp == "sha1-32"  # the file keeps its id
    gre = vpn["gre_topology"].widget
    gre.setCurrentIndex(gre.findText("full mesh"))
    assert window.document.design.vpn.gre_topology == "full-mesh"
