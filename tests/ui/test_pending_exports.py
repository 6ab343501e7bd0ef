"""A figure typed in the Inspector and not confirmed (no Enter, the focus still in its box) before the exports that
write what the docks worked out, and Open Recent entries edited by hand. Each defect found, as the short sequence
that shows it:

- Branch 2's link capacity typed over, 512 to 64 kbps, not confirmed, then File ▸ Export Plots: the utilization plot
  written was of the 512 kbps link (the box read 64). The typed figure is now an edit first, one undo step, and the
  plots are drawn from the analysis of the design with it, as Export PDF and Export Tables do.
- Branch 2's users typed over, 25 to 90, not confirmed, then Export… in the Bill of materials dock: the file held
  Branch 2's PSTN trunks for 25 users (0.500 E). Now for 90 (1.800 E, 6 trunks).
- The capacity typed as above, then Save all… in the Configuration dock: br-2.txt shaped to 512,000 bps. Now to
  64,000, with the voice share of the 64 kbps link.
- A figure the design refuses (a date of 41 characters), then either dock's export: the design stays as it was,
  the Inspector says why, and the export writes the design as it is.
- An export of either dock (or Design ▸ Re-run Analysis) while the edited design's analysis ran on the worker: the
  design was analysed there and then, and again once the worker's stale job ended (a second analysis of the same
  design, its results set twice: seconds on a large design). Now once.
- A settings file edited by hand, its Open Recent entry holding a NUL character, opened from the menu: "It stays in
  File ▸ Open Recent, in case its drive or share is only disconnected", though no file can have such a name. The
  entry is now removed, said so.
- An Open Recent entry of just "fsbytes:" (the prefix of a name stored as its bytes, nothing after it): listed as an
  empty menu entry, it opened "." and said ".: is a folder, not a design file". It now names no file and is not
  listed (as the last design open, it names none either: it was the current folder, which start-up then skipped).
"""

from __future__ import annotations

import csv

import pytest

from advisor.ui import settings

# -- a figure typed in the Inspector, not confirmed, then an export of what the docks worked out ---------------------

def _type(window, qtbot, item: str, field: str, text: str) -> None:
    window.document.select((item,))
    box = window.inspector._groups[0].editors[field].widget
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)  # no Enter, the focus still in the box: shown, not yet an edit


def _link(window, link_id: str = "link-3"):
    return next(x for x in window.document.design.links if x.id == link_id)


def _site(window, site_id: str = "br-2"):
    return next(s for s in window.document.design.sites if s.id == site_id)


@pytest.fixture
def settled(window):
    yield window
    window.document.take_pending()  # (before the fix: else the window's close would ask about what is typed)


def test_a_capacity_typed_and_not_confirmed_is_in_the_exported_plots(settled, qtbot, tmp_path, dialogs,
                                                                    monkeypatch):
    from advisor.ui.bid import exports

    window = settled
    drawn = []
    real = exports.plot_bytes

    def spy(panel, attribute, heading, kind):  # the bars as they are when each file is drawn
        drawn.append({r.id: r for r in panel.shown})
        return real(panel, attribute, heading, kind)

    monkeypatch.setattr(exports, "plot_bytes", spy)
    _type(window, qtbot, "link-3", "capacity_kbps", "64")
    written = exports.export_plots(window, tmp_path / "plots.svg")
    assert [p.rsplit("/", 1)[-1] for p in written] == ["plots-utilization.svg", "plots-erlang-b.svg"]
    assert dialogs["warning"] == []
    assert len(drawn) == 2
    bar = drawn[0]["link-3"]
    assert bar.capacity_kbps == 64  # was 512: the plot of the link before the typing
    assert bar.utilization == pytest.approx(bar.kbps / 64)  # its load over the 64 kbps typed
    assert _link(window).capacity_kbps == 64
    assert window.document.undo_stack.undoText() == "Change capacity"


def _bom_rows(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_users_typed_and_not_confirmed_are_in_the_exported_bill_of_materials(settled, qtbot, tmp_path, dialogs):
    window = settled
    _type(window, qtbot, "br-2", "users", "90")
    target = tmp_path / "bom.csv"
    assert window.bid.bom.export(str(target)) == str(target)
    assert dialogs["warning"] == []
    trunks = next(r for r in _bom_rows(target) if r["Site"] == "br-2" and r["Item"] == "PSTN digital trunk")
    # 90 users × 2 calls/h × 180 s / 3,600 s × 20 % to the PSTN = 1.8 E (was 25 users: 0.5 E); Erlang B at 1 %
    # blocking: B(5, 1.8) = 2.6 %, B(6, 1.8) = 0.78 %: 6 trunks, one E1 of 30 B-channels
    assert trunks["Reason"].startswith("1.800 E of PSTN traffic at 1.0 % blocking needs 6 trunks")
    assert trunks["Quantity"] == "1"
    assert _site(window).users == 90
    assert window.document.undo_stack.undoText() == "Change users"


def test_a_capacity_typed_and_not_confirmed_is_in_the_saved_configuration_sketches(settled, qtbot, tmp_path,
                                                                                 dialogs):
    window = settled
    _type(window, qtbot, "link-3", "capacity_kbps", "64")
    written = dict(window.bid.config.save_all(tmp_path))
    assert sorted(written) == ["br-1", "br-2", "hq"]
    text = written["br-2"].read_text(encoding="utf-8")
    assert "  shape average 64000\n" in text  # 64 kbps = 64,000 bps (was "shape average 512000")
    assert "512" not in text
    # the voice of Branch 2's 9 calls (975.60 kbps per direction) over the 64 kbps link: 975.60 / 64 = 1,524.4 %
    assert "975.60 kbps of voice per direction, 1,524.4 % of the 64.00 kbps link" in " ".join(
        line.lstrip("! ") for line in text.splitlines())
    assert window.document.undo_stack.undoText() == "Change capacity"


def _type_refused_date(window, qtbot) -> None:
    window.document.select(())
    window.inspector._sections["Document (customer, author, notes)"].header.setChecked(True)
    group = next(g for g in window.inspector._groups if g.title.startswith("Document"))
    box = group.editors["date"].widget
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "x" * 41)  # the model takes at most 40 characters


@pytest.mark.parametrize("dock", ["bom", "config"])
def test_a_refused_figure_leaves_the_design_as_it_was_and_the_export_writes_it(settled, qtbot, tmp_path, dialogs,
                                                                              dock):
    window = settled
    before = window.document.design
    _type_refused_date(window, qtbot)
    if dock == "bom":
        assert window.bid.bom.export(str(tmp_path / "bom.csv")) == str(tmp_path / "bom.csv")
    else:
        assert len(window.bid.config.save_all(tmp_path)) == 3
    assert window.inspector.message.text() == "Date is too long (at most 40 characters)"
    assert window.document.design is before and window.document.undo_stack.count() == 0


def test_an_export_while_the_analysis_runs_on_the_worker_analyses_the_design_once(settled, qtbot, tmp_path, dialogs,
                                                                                    monkeypatch):
    import threading

    from advisor.commands import SetFields
    from advisor.ui import analysis_runner

    window = settled
    monkeypatch.setattr(window.analysis, "inline", lambda design=None: False)  # as for a large design
    # The worker's analysis is held until the export has run: a three-site design's analysis ended on the worker
    # before the test saw it running, now and then, and the export then had nothing to wait for
    release, real = threading.Event(), analysis_runner.analyse

    def held(design, *args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            release.wait(10)
        return real(design, *args, **kwargs)

    monkeypatch.setattr(analysis_runner, "analyse", held)
    window.document.push(SetFields("br-2", {"users": 90}))
    qtbot.waitUntil(lambda: bool(window.analysis._jobs), timeout=3000)  # its analysis runs on the worker
    sets = []
    window.document.resultsChanged.connect(lambda results: sets.append(results))
    target = tmp_path / "bom.csv"
    try:
        assert window.bid.bom.export(str(target)) == str(target)
    finally:
        release.set()
    trunks = next(r for r in _bom_rows(target) if r["Site"] == "br-2" and r["Item"] == "PSTN digital trunk")
    assert trunks["Reason"].startswith("1.800 E of PSTN traffic")  # the edited design's (as above)
    qtbot.waitUntil(lambda: not window.analysis.pending(), timeout=10_000)
    qtbot.wait(20)
    assert len(sets) == 1  # was 2: the worker's stale job ended, and the same design was analysed again
    window.document.push(SetFields("br-2", {"users": 10}))  # the next edit is analysed as ever
    qtbot.waitUntil(lambda: len(sets) == 2, timeout=10_000)
    assert next(r for r in window.document.results.sites if r.id == "br-2").users == 10


# -- Open Recent entries edited by hand ------------------------------------------------------------------------------

def _recent_actions(window):
    window.files._fill_recent()
    return [a for a in window.files.recent_menu.actions() if not a.isSeparator()]


def test_an_open_recent_entry_with_a_nul_character_is_removed_saying_why(window, tmp_path, shown):
    other = str(tmp_path / "other.json")
    settings.put("files/recent", [str(tmp_path / "a\x00b.json"), other])
    _recent_actions(window)[0].trigger()
    (title, text), = shown
    assert title == "Cannot open design"
    assert "NUL character" in text
    assert "stays" not in text  # "It stays in File ▸ Open Recent, in case its drive or share is only disconnected"
    assert text.endswith("\n\nNo file can have such a name: it was removed from File ▸ Open Recent.")
    assert settings.get("files/recent") == [other]


def test_an_open_recent_entry_stored_as_bytes_with_a_nul_character_is_removed_too(window, tmp_path, shown):
    import base64

    other = str(tmp_path / "other.json")
    stored = "fsbytes:" + base64.urlsafe_b64encode(b"/tmp/x\x00y.json").decode("ascii")
    settings.put("files/recent", [stored, other])
    _recent_actions(window)[0].trigger()
    (_title, text), = shown
    assert "NUL character" in text and "it was removed from File ▸ Open Recent" in text
    assert settings.get("files/recent") == [other]


@pytest.mark.parametrize("entry", ["fsbytes:", "fsbytes:=="])
def test_an_open_recent_entry_that_names_no_file_is_not_listed(window, tmp_path, shown, entry):
    other = str(tmp_path / "other.json")
    settings.put("files/recent", [entry, other])
    assert settings.text_path(entry) is None  # was Path("."): the current folder
    assert settings.recent_files() == [tmp_path / "other.json"]
    # the menu lists the one file, not an empty entry before it that opened "." ("is a folder")
    assert [a.text() for a in _recent_actions(window)] == ["other.json", "Clear list"]
    assert shown == []


def test_a_last_design_that_names_no_file_is_not_reopened(qapp):
    from advisor.ui.app import startup_path

    settings.put("files/last", "fsbytes:")
    assert settings.get_path("files/last") is None
    path, _example = startup_path(None)
    assert path is None or path.name.endswith(".json")  # the bundled example (or nothing), never "."


def test_a_name_stored_as_bytes_still_reads_back():  # (as before)
    from pathlib import Path

    assert settings.text_path(settings.path_text("/tmp/caf\udce9.json")) == Path("/tmp/caf\udce9.json")
    assert settings.text_path("fsbytes:not base64!") == Path("fsbytes:not base64!")
