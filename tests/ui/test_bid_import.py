"""File ▸ Import sites…: the preview, the mapping combos, the hub, the grouped dry-run messages, and the design
opened as a new unsaved document. Expected values are read by hand from tests/data/import/messy.csv:

    row 4   Site Name, Location, Headcount, Phones, WAN BW, Circuit, Latency (ms), Router, Lobby phones
    row 5   Head Office, London, 450, 480, 1 Gbps, MPLS, 8, ISR4451-X, 4
    row 6   Zürich, CH, 24, , 2 Mbps, MPLS VPN, 32, ISR4321,
    row 8   Lyon, FR, 120, , "2,048 kbps", IP-VPN, , C8300-1N1S-6T,
    row 9   Store 7, , 12, 12, 512k, ADSL, 45 ms, ,
    row 10  Bad Users, , many, , 2M, MPLS, , ,
    row 11  Bad BW, , 10, , fast, MPLS, , ,
    row 12  Madrid, , 30, , 10 Mb/s, Broadband, ~25, ISR1111,
    row 13  Oslo, , 15, , 1.5M, 4G LTE, 20-40, ,
    row 14  EMEA (a section heading)
    row 15  Kraków, PL, 8, , 2048, Leased line, 12, ,
    row 16  Totals, , "1,789"
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from advisor.ui import bid
from advisor.ui.bid import import_dialog
from advisor.ui.bid.import_dialog import ImportDialog, open_dialog, open_imported

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
MESSY = DATA / "messy.csv"


def _dialog(window, qtbot, path: Path = MESSY) -> ImportDialog:
    """The dialog on `path` once its first dry run has answered."""
    dialog = open_dialog(window, path)
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.runner.busy(), timeout=5000)
    qtbot.wait(1)  # the answer's queued signal
    return dialog


def _checked(qtbot, dialog: ImportDialog, change) -> None:
    """Make a change in the dialog and wait for the dry run that follows it."""
    with qtbot.waitSignal(dialog.checked, timeout=5000):
        change()


def test_the_file_menu_offers_import_before_the_pdf(window):
    action = window.actions_by_name["import-sites"]
    assert action.shortcut() == QKeySequence("Ctrl+Shift+I")
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("&Import Sites…") < texts.index("Export &PDF…")
    assert texts.index("Export &Tables…") < texts.index("Export &PDF…")


def test_preview_shows_the_header_the_first_rows_and_the_guess(window, qtbot):
    dialog = _dialog(window, qtbot)
    assert dialog.header_row.value() == 4
    assert not dialog.sheet.isEnabled()  # a CSV file has one table
    table = dialog.table
    assert table.columnCount() == 9
    assert table.horizontalHeaderItem(2).text() == "C: Headcount"
    assert table.verticalHeaderItem(1).text() == "5"  # the first data row, numbered as the sheet numbers it
    assert table.item(1, 0).text() == "Head Office"
    assert table.item(2, 0).text() == "Zürich"
    # the guess: Site Name is the name, Location is left out (a weaker synonym), Lobby phones are public phones
    assert [table.field_of(c) for c in range(9)] == ["name", None, "users", "phones", "bandwidth", "transport",
                                                     "rtt", "router", "public_phones"]
    combo = table.combos[2]
    tips = [combo.itemData(i, 3) for i in range(combo.count())]  # 3 = ToolTipRole
    assert "People at the site (headcount)" in tips


def test_default_mapping_dry_run_groups_the_messages(window, qtbot):
    dialog = _dialog(window, qtbot)
    design, _messages = dialog.result_
    # rows 5, 6, 8, 9, 12, 13, 15 are sites; 10 (users 'many'), 11 (bandwidth 'fast'), 14 (a heading) and 16 (the
    # totals row) are skipped
    assert [s.name for s in design.sites] == ["Head Office", "Zürich", "Lyon", "Store 7", "Madrid", "Oslo", "Kraków"]
    groups = dialog.messages.texts()
    skipped = groups["Rows skipped (4)"]
    assert skipped[0].startswith("row 10, Headcount (C): 'many'")
    assert skipped[1].startswith("row 11, WAN BW (E): 'fast'")
    assert any(line.startswith("row 16") for line in skipped)
    assert any(h.startswith("Values read with a guess") for h in groups)
    assert any(h.startswith("Defaults applied") for h in groups)
    assert "7 sites" in dialog.summary.text() and "4 rows skipped" in dialog.summary.text()
    assert dialog.import_button.isEnabled()


def test_location_mapped_as_the_name_imports_the_rows_that_have_one(window, qtbot):
    dialog = _dialog(window, qtbot)
    _checked(qtbot, dialog, lambda: dialog.set_field(1, "name"))  # Location (B) holds the name now
    assert dialog.table.field_of(0) is None  # Site Name (A) let go of the field
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    open_imported(window, dialog.imported, MESSY)
    doc = window.document
    design = doc.design
    # Only rows 5, 6, 8 and 15 have a Location: London, CH, FR, PL
    sites = {s.name: s for s in design.sites}
    assert list(sites) == ["London", "CH", "FR", "PL"]
    assert [sites[n].users for n in sites] == [450, 24, 120, 8]
    assert sites["London"].phones == 480 and sites["London"].public_area_phones == 4
    assert [sites[n].phone_count for n in ("CH", "FR", "PL")] == [24, 120, 8]  # empty Phones: one per user
    # the hub is the site with the most users (London): HQ with the CUCM publisher
    assert sites["London"].kind == "hq" and sites["London"].cucm_publisher
    assert not any(sites[n].cucm_publisher for n in ("CH", "FR", "PL"))
    # MPLS for London, CH, FR ("MPLS", "MPLS VPN", "IP-VPN"); a leased line (private WAN) for PL; no Internet site
    assert sorted(c.kind for c in design.clouds) == ["mpls", "private-wan"]
    access = {link.a: link for link in design.links if link.a != sites["London"].id or link.name == "MPLS"}
    capacity = {s.name: access[s.id].capacity_kbps for s in design.sites}
    # 1 Gbps = 1,000,000 kbps; 2 Mbps = 2,000; "2,048 kbps"; a bare 2048 in a column whose numbers of 64 and more
    # are multiples of 64: kbps
    assert capacity == {"London": 1_000_000, "CH": 2_000, "FR": 2_048, "PL": 2_048}
    rtt = {s.name: access[s.id].rtt_ms for s in design.sites}
    assert rtt == {"London": 8, "CH": 32, "FR": 30, "PL": 12}  # FR gives none: MPLS's planning 30 ms
    assert access[sites["PL"].id].l2 == "ppp"  # a leased line up to 2,048 kbps is a serial circuit
    # four access links and the hub's extra link to the private WAN cloud
    assert len(design.links) == 5
    # a new, untitled document that is not saved: closing asks to save it; nothing to undo
    assert doc.path is None and doc.modified and doc.undo_stack.count() == 0
    assert window.isWindowModified()


def test_the_hub_can_be_chosen(window, qtbot):
    dialog = _dialog(window, qtbot)
    index = dialog.hub.findData("Lyon")
    assert index > 0 and dialog.hub.itemText(0).startswith("Automatic")
    _checked(qtbot, dialog, lambda: dialog.hub.setCurrentIndex(index))
    design, _ = dialog.result_
    by_name = {s.name: s for s in design.sites}
    assert by_name["Lyon"].cucm_publisher and by_name["Lyon"].kind == "hq"
    assert not by_name["Head Office"].cucm_publisher
    assert "hub <b>Lyon</b>" in dialog.summary.text()


def test_nothing_imported_keeps_import_off_and_says_why(window, qtbot):
    dialog = _dialog(window, qtbot)
    _checked(qtbot, dialog, lambda: dialog.set_field(0, None))  # no column holds the site name any more
    assert not dialog.import_button.isEnabled()
    assert "no column for the site name" in dialog.summary.text()


def test_workbook_sheets_can_be_switched(window, qtbot):
    dialog = _dialog(window, qtbot, DATA / "sites.xlsx")
    assert dialog.sheet.isEnabled()
    labels = [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())]
    assert labels == ["Cover (no header found)", "Sites", "Sites 2019"]
    assert dialog.sheet.currentData() == "Sites" and dialog.header_row.value() == 4
    _checked(qtbot, dialog, lambda: dialog.sheet.setCurrentIndex(2))
    assert dialog.pre.sheet == "Sites 2019" and dialog.header_row.value() == 1


def test_an_unreadable_file_is_named_and_the_design_kept(window, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(import_dialog, "show_error", lambda _p, title, text: shown.append((title, text)))
    bad = tmp_path / "customer sites.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not a workbook")
    before = window.document.design
    assert open_dialog(window, bad) is None
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Cannot import site list" and "customer sites.xlsx" in text
    assert "Traceback" not in text
    assert window.document.design is before


def test_import_sites_action_runs_the_dialog(window, qtbot, monkeypatch):
    def accept_at_once(self):
        self.accept()
        return self.result()
    monkeypatch.setattr(ImportDialog, "exec", accept_at_once)
    assert bid.import_sites(window, MESSY)
    assert [s.name for s in window.document.design.sites][:2] == ["Head Office", "Zürich"]
    assert window.document.path is None


def test_cancelling_the_unsaved_changes_prompt_keeps_the_dialog(window, qtbot):
    from advisor.commands import SetFields

    window.document.push(SetFields("design", {"name": "Edited"}))
    dialog = _dialog(window, qtbot)
    dialog.confirm = lambda: False  # the user pressed Cancel in the unsaved-changes prompt
    dialog.accept()
    assert dialog.imported is None and dialog.result() != QDialog.DialogCode.Accepted
    assert window.document.design.name == "Edited"


def test_the_dialog_words_the_importers_hints_for_its_own_controls(window, qtbot, tmp_path):
    # Two columns naming the users: the importer's hint names the command line's --map; the dialog's names the
    # field list above the column
    path = tmp_path / "two users.csv"
    path.write_text("Site Name,Users,Circuit,Seats,Notes\nBern,10,MPLS,12,x\nBasel,5,MPLS,7,y\n", encoding="utf-8")
    dialog = _dialog(window, qtbot, path)
    lines = [line for group in dialog.messages.texts().values() for line in group]
    assert not [line for line in lines if "--" in line]
    assert any("to read it instead, choose “Users” above column D" in line for line in lines), lines
    assert any("choose a field above a column to import it" in line for line in lines), lines


def test_sheet_and_header_hints_name_the_dialogs_lists():
    from advisor.ui.bid.import_mapping import app_words

    hidden = ("hidden sheet 'Sites' looks like a site list too; the visible sheet 'Summary' was imported, as hidden "
              "sheets are only imported when named: to import it, give --sheet \"Sites\"")
    assert app_words(hidden).endswith("to import it, choose it in the Sheet list above")
    assert "(choose another in the Sheet list above)" in app_words(
        "sheet 'Data' is hidden; it is imported as no visible sheet has a header row (choose another with --sheet NAME)")
    assert "--" not in app_words("x.csv: no header row found in the first 30 rows of its sheet; a header row names at "
                                 "least two columns such as Site Name; name the header row with --header-row N, or "
                                 "map its columns with --map")
