"""A link's two ends are written one way: the link table's Ends cell and the per-call calculator's "Showing link …"
read as the findings name an unnamed link ("HQ – Bern", an en dash; each end as the findings name it), where they
read "HQ — Bern" (an em dash: a search for one did not find the other). The app's lists keep their words for the
ciphers and SRTP suites, now from the core module the analysis' conventions read too.
"""

from __future__ import annotations

from advisor.analysis import analyse
from advisor.model import Design
from advisor.rules._names import names_for
from advisor.ui.links_dock import LinksPanel


def _design() -> Design:
    # Two branches named alike, an HQ whose name is padded with blanks; the links unnamed, one of them too small
    # for its calls (120 users at 2 calls × 180 s: a finding names it)
    sites = [{"id": "hq", "name": "  HQ ", "kind": "hq", "users": 200, "cucm_publisher": True},
             {"id": "b1", "name": "Branch", "users": 120}, {"id": "b2", "name": "Branch", "users": 20}]
    links = [{"id": "l1", "a": "hq", "b": "b1", "capacity_kbps": 64}, {"id": "l2", "a": "hq", "b": "b2"}]
    return Design.model_validate({"name": "ends", "sites": sites, "links": links})


def test_the_link_tables_ends_are_the_findings_words(qtbot, document):
    design = _design()
    document.reset(design)
    results = analyse(design)
    document.set_results(results)
    panel = LinksPanel(document)
    qtbot.addWidget(panel)
    model = panel.model
    ends = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    # by hand: the HQ's name stripped, the two "Branch" sites told apart by their ids, joined by an en dash
    assert ends == {"l1": "HQ – Branch (b1)", "l2": "HQ – Branch (b2)"}
    names = names_for(design)
    assert all(ends[i] == names.link_name(i) for i in ends)  # the findings' own function
    quoted = [f.message for f in results.findings if "l1" in f.subjects]
    assert quoted and any("'HQ – Branch (b1)'" in m for m in quoted)  # … and a finding that quotes it
    # the filter finds a link by an end as the table shows it (it searched "Branch", the same at both links)
    panel.filter.setText("branch (b2)")
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["l2"]


def test_the_calculator_shows_a_link_as_the_findings_name_it(qtbot, document):
    from advisor.ui.calculator import Calculator

    design = _design()
    document.reset(design)
    document.set_results(analyse(design))
    calc = Calculator(document)
    qtbot.addWidget(calc)
    document.select(("l1",))
    assert "Showing link 'HQ – Branch (b1)' (" in calc.source.text()  # was "Showing link   HQ  — Branch ("


def test_the_lists_words_come_from_the_core():
    from advisor import choice_words
    from advisor.ui import choice_labels

    assert choice_labels.CIPHERS is choice_words.CIPHERS and choice_labels.SRTP is choice_words.SRTP
    assert choice_labels.INTEGRITY is choice_words.INTEGRITY
    assert choice_labels.shown("srtp", "sha1-80") == "AES-CM-128, HMAC-SHA1-80"  # RFC 4568's AES_CM_128_HMAC_SHA1_80
    assert choice_labels.shown("integrity", "md5-96") == "HMAC-MD5-96 (to be avoided)"
