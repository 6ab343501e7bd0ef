"""The inspector: forms generated from the model; one edit is one command; refused input never reaches the design."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox

from advisor.ui.inspector import Inspector, balance_shares


@pytest.fixture
def inspector(qtbot, document):
    widget = Inspector(document)
    qtbot.addWidget(widget)
    widget.resize(380, 800)
    widget.show()
    return widget


def editor(inspector, group_title: str, name: str):
    group = next(g for g in inspector._groups if g.title.startswith(group_title))
    return group.editors[name].widget


def test_nothing_selected_edits_the_design(inspector, document):
    assert inspector.title.text().startswith("Design")
    titles = [g.title for g in inspector._groups]
    assert titles[:3] == ["Design", "Voice", "VPN"] and titles[3].startswith("Traffic")
    name = editor(inspector, "Design", "name")
    assert isinstance(name, QLineEdit) and name.text() == "Sample WAN"
    name.setText("Renamed WAN")
    name.editingFinished.emit()
    assert document.design.name == "Renamed WAN"
    assert document.undo_stack.count() == 1


def test_widgets_follow_field_types_units_and_ranges(inspector, document):
    document.select(("hq",))
    users = editor(inspector, "Site", "users")
    assert isinstance(users, QSpinBox)
    assert users.suffix() == " users" and users.minimum() == 0 and users.maximum() == 1_000_000
    assert isinstance(editor(inspector, "Site", "kind"), QComboBox)
    assert isinstance(editor(inspector, "Site", "cucm_publisher"), QCheckBox)
    phones = editor(inspector, "Site", "phones")  # optional: the lowest value stands for "empty"
    assert phones.minimum() == -1 and phones.specialValueText() == "(one per user)"
    assert "Range: ≥ 0" in users.toolTip()
    document.select(("link-1",))
    capacity = editor(inspector, "Link", "capacity_kbps")
    assert isinstance(capacity, QDoubleSpinBox) and capacity.suffix() == " kbps"
    assert capacity.value() == pytest.approx(10_000)


def test_optional_decimal_fields_are_offered(inspector, document):
    # ptime_ms and signalling_bps_per_phone are optional decimals (strict numbers in the model): still editable
    ptime = editor(inspector, "Voice", "ptime_ms")
    assert isinstance(ptime, QDoubleSpinBox) and ptime.suffix() == " ms"
    assert isinstance(editor(inspector, "Traffic", "signalling_bps_per_phone"), QDoubleSpinBox)


def test_one_edit_pushes_one_command(inspector, document):
    document.select(("br-1",))
    users = editor(inspector, "Site", "users")
    before = document.undo_stack.count()
    users.setValue(55)
    assert document.design.site("br-1").users == 55
    assert document.undo_stack.count() == before + 1
    assert document.undo_stack.undoText().startswith("Change users")
    document.undo_stack.undo()
    assert document.design.site("br-1").users == 40
    assert users.value() == 40  # the form follows the document after undo


def test_invalid_value_pushes_nothing_and_is_shown(inspector, document):
    document.select(("br-1",))
    before_design, before_count = document.design, document.undo_stack.count()
    # 50 phones in public areas but the site has 40 users (= phones): the model refuses it.
    editor(inspector, "Site", "public_area_phones").setValue(50)
    assert document.design == before_design
    assert document.undo_stack.count() == before_count
    assert inspector.message.isVisible()
    assert "phones in public areas (50) exceed the site's phones (40)" in inspector.message.text()
    assert editor(inspector, "Site", "public_area_phones").value() == 0  # reverted to the document's value


def test_security_controls_are_a_checklist(inspector, document):
    document.select(("br-2",))
    box = editor(inspector, "Security controls", "voice_vlan")
    assert isinstance(box, QCheckBox) and box.text() == "Voice VLAN"
    box.setChecked(True)
    assert document.design.site("br-2").security.voice_vlan is True


def test_multi_selection_edits_all_in_one_command(inspector, document):
    document.select(("br-1", "br-2"))
    assert "2 sites selected" in inspector.title.text()
    group = next(g for g in inspector._groups if g.title == "Site")
    assert "name" not in group.editors  # per-item fields are not offered for a multi-edit
    before = document.undo_stack.count()
    group.editors["survivability"].widget.setCurrentIndex(
        group.editors["survivability"].widget.findData("srst"))
    assert [document.design.site(i).survivability for i in ("br-1", "br-2")] == ["srst", "srst"]
    assert document.undo_stack.count() == before + 1


def test_traffic_shares_stay_summed_to_one(inspector, document):
    spin = editor(inspector, "Traffic", "intra_site_share")
    spin.setValue(60)  # in percent, as the box shows the share; the design keeps the fraction
    traffic = document.design.traffic
    assert traffic.intra_site_share == pytest.approx(0.6)
    assert traffic.intra_site_share + traffic.on_net_share + traffic.pstn_share == pytest.approx(1.0)
    assert "add up to 100 %" in inspector.message.text()


def test_balance_shares_keeps_the_sum():
    from advisor.model import TrafficPolicy

    values, note = balance_shares(TrafficPolicy(), "pstn_share", 0.9)
    assert values == {"pstn_share": 0.9, "intra_site_share": 0.1, "on_net_share": 0.0}
    assert "intra-site share to 10 %" in note


def test_codec_is_a_choice_of_the_catalogue(inspector, document):
    codec = editor(inspector, "Voice", "codec")
    assert isinstance(codec, QComboBox)
    codec.setCurrentIndex(codec.findData("g729"))
    assert document.design.voice.codec == "g729"


def test_the_title_follows_a_rename_and_its_undo(inspector, document):
    document.select(("hq",))
    assert inspector.title.text() == "Site — Headquarters"
    name = editor(inspector, "Site", "name")
    name.setText("HQ Vienna")
    name.editingFinished.emit()
    assert document.design.sites[0].name == "HQ Vienna"
    assert inspector.title.text() == "Site — HQ Vienna"
    document.undo_stack.undo()
    assert inspector.title.text() == "Site — Headquarters"
    document.undo_stack.redo()
    assert inspector.title.text() == "Site — HQ Vienna"
    document.select(())  # the design's own name follows too
    editor(inspector, "Design", "name").setText("Vienna WAN")
    editor(inspector, "Design", "name").editingFinished.emit()
    assert inspector.title.text() == "Design — Vienna WAN"


def test_a_refusal_goes_once_the_field_holds_a_value_that_stands(inspector, document):
    document.select(("br-1",))
    name = editor(inspector, "Site", "name")
    before = document.design.site("br-1").name
    name.setText("x" * 201)  # longer than a name may be: refused
    name.editingFinished.emit()
    assert inspector.message.isVisible()
    assert document.design.site("br-1").name == before
    name.setText(before)  # typed back as it was: nothing to change, nothing wrong
    name.editingFinished.emit()
    assert not inspector.message.isVisible()
    assert document.design.site("br-1").name == before


def test_a_site_share_override_that_does_not_add_up_is_named_with_its_total(inspector, document):
    # The design's shares are 50 / 30 / 20 %; br-1 sets its on-net share to 90 %: 50 + 90 + 20 = 160 %. The file
    # stays valid (one share at a time cannot always add up) and the sizing scales it, so the Inspector says so.
    document.select(("br-1",))
    traffic = document.design.traffic
    assert (traffic.intra_site_share, traffic.on_net_share, traffic.pstn_share) == (0.5, 0.3, 0.2)
    spin = editor(inspector, "Traffic overrides", "on_net_share")
    spin.setValue(90)  # in percent
    assert document.design.site("br-1").traffic.on_net_share == pytest.approx(0.9)
    text = inspector.message.text()
    assert inspector.message.isVisible()
    assert "add up to 160 %" in text and "scales them to 100 %" in text and "Branch" in text
    spin.setValue(30)  # back to the design's own: 100 %, nothing to say
    assert not inspector.message.isVisible()


def test_inspector_messages_show_names_as_written(inspector):
    from PySide6.QtCore import Qt

    assert inspector.message.textFormat() == Qt.TextFormat.PlainText
