"""Round 37, the app driven with hostile input: each defect found, as the short sequence that shows it.

- A canvas copy edited by hand whose x or y is a whole number of 400 digits raised "int too large to convert to
  float" out of Edit ▸ Paste (the crash dialog); an x written as text, null, a list or true was refused in Python's
  words ("could not convert string to float: 'abc'", "... not 'NoneType'") or taken as 1.
- A copied link between two clouds was refused as "links[13]: ...", the number the link would have had in the
  design, not its place on the clipboard (links[0]); a kind that is no kind was told the cloud kinds alone.
- A site at the edge of the canvas (x = 1,000,000, which a design holds) could not be pasted or duplicated:
  "Paste: nodes[0].x: must be ≤ 1000000", the copy's offset taking it past the edge.
- Edit ▸ Undo after an Inspector edit read "Undo Change capacity_kbps", "Undo Change signalling_bps_per_phone": the
  file's field names, not the form's.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QGuiApplication

from advisor.model import Cloud, Design, Link, Site
from advisor.ui.canvas.clipboard import CLIPBOARD_FORMAT


def _paste_text(window, text: str) -> list[str]:
    messages: list[str] = []
    window.canvas.message.connect(messages.append)
    QGuiApplication.clipboard().setText(text)
    window.canvas.paste()
    return messages


def _paste(window, nodes: list, links: list | None = None) -> list[str]:
    return _paste_text(window, json.dumps({"format": CLIPBOARD_FORMAT, "nodes": nodes, "links": links or []}))


@pytest.mark.parametrize(("axis", "digits", "said"), [("x", "1" + "0" * 400, "x: must be ≤ 1,000,000"),
                                                      ("y", "-1" + "0" * 400, "y: must be ≥ -1,000,000")])
def test_a_position_of_hundreds_of_digits_is_refused_in_words(window, axis, digits, said):
    before = window.document.design
    text = f'{{"format": "{CLIPBOARD_FORMAT}", "nodes": [{{"id": "a", "{axis}": {digits}}}], "links": []}}'
    assert _paste_text(window, text) == [f"Paste: nodes[0].{said}"]  # was OverflowError, uncaught
    assert window.document.design is before


@pytest.mark.parametrize("value", ["abc", None, [1], True])
def test_a_position_that_is_not_a_number_is_refused_in_words(window, value):
    before = window.document.design
    assert _paste(window, [{"id": "a", "x": value}]) == ["Paste: nodes[0].x: must be a number"]
    assert window.document.design is before


def test_a_copied_link_between_two_clouds_is_named_by_its_place_on_the_clipboard(window):
    nodes = [{"id": "a", "kind": "mpls"}, {"id": "b", "kind": "internet"}]
    assert _paste(window, nodes, [{"a": "a", "b": "b"}]) == [
        "Paste: links[0]: a link must have a site at one end at least"]  # was links[3]: the sample's 3 links before it


@pytest.mark.parametrize("kind", ["spaceship", ["hq"], 7])
def test_a_kind_that_is_no_kind_is_told_every_kind(window, kind):
    assert _paste(window, [{"id": "a", "kind": kind}]) == [
        "Paste: nodes[0].kind: must be one of 'hq', 'branch', 'datacenter', 'mpls', 'internet' or 'private-wan'"]


def test_a_site_at_the_edge_of_the_canvas_is_pasted_and_duplicated(qtbot):
    from tests.ui.conftest import shown_window

    design = Design(name="Edge", sites=(Site(id="far", name="Far", x=1_000_000, y=999_990),
                                        Site(id="near", name="Near", x=-1_000_000, y=-1_000_000)),
                    clouds=(Cloud(id="c", name="Cloud", x=0, y=1_000_000),),
                    links=(Link(id="l", a="far", b="c"),))
    gen = shown_window(qtbot, design)
    window = next(gen)
    try:
        messages: list[str] = []
        window.canvas.message.connect(messages.append)
        window.document.select(("far", "c"))
        window.canvas.copy()
        window.canvas.paste()
        window.document.select(("far",))
        window.canvas.duplicate()
        window.document.select(("near",))
        window.canvas.duplicate()
        assert messages == []  # was "Paste: nodes[0].x: must be ≤ 1000000", "Duplicate: ..."
        design = window.document.design
        assert [(s.x, s.y) for s in design.sites[2:]] == [(999_960, 999_950), (999_960, 999_950),
                                                          (-999_960, -999_960)]
        assert [(c.x, c.y) for c in design.clouds[1:]] == [(40, 999_960)]  # the copy goes back from the edge
        assert len(design.links) == 2  # the copied link came along
    finally:
        next(gen, None)


@pytest.mark.parametrize(("selection", "group", "field", "value", "said"), [
    (("link-1",), "Link", "capacity_kbps", 2_048.0, "Change capacity"),
    ((), "Traffic", "signalling_bps_per_phone", 300.0, "Change signalling per phone"),
    ((), "Design", "cucm_release", "14", "Change CUCM release"),
    (("br-1", "br-2"), "Site", "public_area_phones", 2, "Change phones in public areas (lobbies) of 2 items"),
])
def test_the_undo_entry_of_an_inspector_edit_names_the_field_as_the_form_does(window, selection, group, field, value,
                                                                              said):
    window.document.select(selection)
    group = next(g for g in window.inspector._groups if g.title == group)
    window.inspector._edit(group, field, value)
    assert window.document.undo_stack.undoText() == said  # was "Change capacity_kbps", ...
    assert window.actions_by_name["undo"].text() == f"&Undo {said}"


def test_a_copy_that_names_a_field_twice_is_refused_as_a_design_file_is(window):
    # the paste took the value given last without a word; a design file with the same text is refused
    before = window.document.design
    node = '{"id": "n", "kind": "branch", "name": "A", "users": 5, "users": 900}'
    text = f'{{"format": "{CLIPBOARD_FORMAT}", "nodes": [{node}], "links": []}}'
    said = _paste_text(window, text)
    assert said == ["Paste: nodes[0].users: is given twice; keep one of the two"]
    assert window.document.design is before
