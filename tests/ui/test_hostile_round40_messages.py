"""Round 40, the Inspector driven as the user drives it: its refusals in the words of its own rows and the
design's names (they read "br-1.cluster_id: …", "links[1]: a link cannot connect 'br-1' to itself", and named the
first of several selected sites by its id alone), and a second link between two joined nodes made alike by the
canvas and the Inspector (the canvas refused it, the Inspector made it)."""

from __future__ import annotations

import pytest

from advisor.model import Cloud, Design, Link, Site
from tests.ui.conftest import shown_window

MULTI = Design(name="Multi", sites=(
    Site(id="hq", name="Head Office", kind="hq", users=300, cucm_publisher=True, x=0, y=0),
    Site(id="br-1", name="Branch Nord", users=40, public_area_phones=10, x=-300, y=200),
    Site(id="br-2", name="Branch Ost", users=20, public_area_phones=2, x=300, y=200)),
    clouds=(Cloud(id="mpls", name="MPLS", x=0, y=100),),
    links=(Link(id="l-eth", a="hq", b="mpls", capacity_kbps=10_000),
           Link(id="l-ppp", a="br-1", b="mpls", capacity_kbps=512, l2="ppp"),
           Link(id="l-fr", a="br-2", b="mpls", capacity_kbps=256, l2="frf12")))


@pytest.fixture
def multi(qtbot):
    gen = shown_window(qtbot, MULTI)
    yield next(gen)
    next(gen, None)


def _group(window, title):
    return next(g for g in window.inspector._groups if g.title.startswith(title))


def _type(window, title: str, field: str, text: str) -> str:
    box = _group(window, title).editors[field].widget
    box.setText(text)
    box.editingFinished.emit()
    return window.inspector.message.text()


@pytest.mark.parametrize(("selection", "group", "field", "text", "said"), [
    (("br-1",), "Site", "cluster_id", "a b",
     "Site 'Branch Nord': CUCM cluster may only use letters, digits, '.', '_' and '-' (1–64 characters)"),
    (("br-1",), "Site", "srst_platform", "y" * 65, "Site 'Branch Nord': SRST platform is too long (at most 64 characters)"),
    (("l-ppp",), "Link", "name", "n" * 201, "Link 'Branch Nord – MPLS': Name is too long (at most 200 characters)"),
    ((), "Design", "cucm_release", "1" * 21, "CUCM release is too long (at most 20 characters)"),
    (("br-1", "br-2"), "Site", "cluster_id", "a b", "Site 'Branch Nord': CUCM cluster may only use letters, digits, "
                                                   "'.', '_' and '-' (1–64 characters) (and 1 more of the selected sites)"),
])
def test_a_refusal_names_the_item_and_the_row_as_the_form_shows_them(multi, selection, group, field, text, said):
    multi.document.select(selection)
    before = multi.document.design
    assert _type(multi, group, field, text) == said
    assert multi.document.design == before


def test_a_link_end_set_to_its_other_end_is_refused_in_words(multi):
    multi.document.select(("l-ppp",))
    combo = _group(multi, "Link").editors["b"].widget
    combo.setCurrentIndex(combo.findData("br-1"))
    assert multi.inspector.message.text() == ("Link 'Branch Nord – MPLS': End B is the link's other end: a link "
                                              "cannot connect 'Branch Nord' to itself")  # was "links[1]: …"
    assert multi.document.design == MULTI


def test_a_refusal_for_several_sites_names_the_first_by_name_and_counts_the_rest(multi):
    multi.document.select(("br-1", "br-2"))
    _group(multi, "Site").editors["users"].widget.setValue(0)
    assert multi.inspector.message.text() == ("Site 'Branch Nord': phones in public areas (10) exceed the site's "
                                              "phones (0) (and 1 more of the selected sites)")  # was "br-1: …"


def test_a_second_link_between_joined_nodes_is_made_by_the_canvas_as_by_the_inspector(multi):
    said = []
    multi.canvas.message.connect(said.append)
    made = multi.canvas.connect_nodes("br-1", "mpls")  # was refused: "link: these two nodes are already connected"
    assert made is not None  # made, and said: it is drawn over the first
    assert said == ["A second link between 'Branch Nord' and 'MPLS': each is sized for all of the site's calls (two "
                    "access links of one site); Edit ▸ Undo removes it"]
    assert [x.id for x in multi.document.design.links if {x.a, x.b} == {"br-1", "mpls"}] == ["l-ppp", made]
    multi.document.undo_stack.undo()
    multi.document.select(("l-fr",))
    combo = _group(multi, "Link").editors["a"].widget
    combo.setCurrentIndex(combo.findData("br-1"))  # the same second link, by the Inspector
    assert [x.id for x in multi.document.design.links if {x.a, x.b} == {"br-1", "mpls"}] == ["l-ppp", "l-fr"]
    assert not multi.inspector.message.isVisible()
