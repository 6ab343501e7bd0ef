"""A site, cloud or link renamed to characters that show nothing (a zero-width space, a joiner, a word joiner) is
shown by its id everywhere in the app, as an unnamed one is: the Inspector's title read "Site — ", the canvas label
and the link table's ends were blank."""

from __future__ import annotations

from advisor.analysis import analyse
from advisor.commands import SetFields
from tests.ui.test_links_table import _shown_panel

NOTHING = "\u200b\u200d\u2060"


def test_the_inspector_and_the_canvas_show_the_id(window):
    window.document.push(SetFields("br-2", {"name": NOTHING}))
    window.document.select(("br-2",))
    assert window.inspector.title.text() == "Site — br-2"
    assert window.canvas.scene().nodes["br-2"].name == "br-2"


def test_the_window_title_says_untitled_for_a_design_name_of_nothing(window):
    window.document.push(SetFields("design", {"name": NOTHING}))
    assert window.windowTitle().startswith("Untitled design (")
    window.document.select(())
    assert window.inspector.title.text() == "Design — Untitled design"


def test_the_link_table_names_the_end_by_its_id(qtbot, window):
    design = window.document.design
    site = design.sites[1]
    renamed = design.model_copy(update={"sites": tuple(s.model_copy(update={"name": NOTHING}) if s.id == site.id
                                                      else s for s in design.sites)})
    _document, panel = _shown_panel(qtbot, renamed)
    model = panel.table.model()
    ends = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert any(e.startswith(f"{site.id} ") or e.endswith(f" {site.id}") for e in ends), ends
    assert analyse(renamed).links  # the design itself keeps the name as typed
    assert renamed.sites[1].name == NOTHING
