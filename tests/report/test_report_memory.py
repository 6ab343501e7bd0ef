"""A long document's memory: pages compressed as they are finished, the design attached compressed, a bounded line
cache, the long sections written when the layout reaches them and the findings' tables made one at a time; the
bytes are those of the document written all at once."""

from __future__ import annotations

import functools

from report_fixtures import results_for, star_design
from reportlab.platypus import Table

from advisor.report import appendix, build_pdf, deferred, embed, streams, textops
from advisor.report.builder import work_units
from advisor.report.doc import ReportDoc
from advisor.report.measured import MeasuredTable


def _design():
    return star_design(30)


def test_pages_compressed_as_they_are_finished_give_the_same_bytes(monkeypatch):
    design = _design()
    results = results_for(design)
    sealed = build_pdf(design, results)
    monkeypatch.setattr(streams, "seal_last_page", lambda canvas: None)  # reportlab's way: all pages when saved
    assert build_pdf(design, results) == sealed


def test_no_page_keeps_its_text_once_finished(monkeypatch):
    seen = {}
    finish = ReportDoc._finish

    def inspect(self, canv):
        pages = canv._doc.Pages.pages
        seen["pages"] = len(pages)
        seen["text"] = sum(page.stream is not None for page in pages)
        seen["sealed"] = sum(isinstance(page.Contents, streams.SealedStream) for page in pages)
        return finish(self, canv)

    monkeypatch.setattr(ReportDoc, "_finish", inspect)
    design = _design()
    build_pdf(design, results_for(design))
    assert seen["pages"] > 10 and seen["text"] == 0 and seen["sealed"] == seen["pages"]


def test_the_attachment_is_compressed_before_the_layout_and_reads_back():
    design = _design()
    pdf = build_pdf(design, results_for(design))
    assert embed.extract_design(pdf) == design.model_dump_json(indent=2)
    stream = embed.sealed(b'{"name": "x"}')
    assert isinstance(stream.content, bytes) and stream.content != b'{"name": "x"}'  # compressed when made


def test_a_bounded_line_cache_gives_the_same_bytes(monkeypatch):
    design = _design()
    results = results_for(design)
    whole = build_pdf(design, results)
    most = {}
    line_ops = textops.line_ops

    def counted(canv, lines, text):
        found = line_ops(canv, lines, text)
        most[id(lines)] = max(most.get(id(lines), 0), len(lines))
        return found

    monkeypatch.setattr(textops, "LINES_KEPT", 7)
    monkeypatch.setattr(textops, "line_ops", counted)
    monkeypatch.setattr("advisor.report.measured.line_ops", counted)
    monkeypatch.setattr("advisor.report.render.line_ops", counted)
    assert build_pdf(design, results) == whole
    assert most and max(most.values()) <= 7


def test_the_long_sections_are_written_once_the_layout_has_begun(monkeypatch):
    events: list[str] = []
    real = appendix.findings

    @functools.wraps(real)  # the same name and module: still a section written late
    def findings(*args, **kwargs):
        events.append("findings written")
        return real(*args, **kwargs)

    monkeypatch.setattr(appendix, "findings", findings)
    design = _design()
    build_pdf(design, results_for(design), lambda fraction, message: events.append(message))
    written = events.index("findings written")
    assert any(e.startswith("Laying out page") for e in events[:written]), events[:written]
    assert events[-1].startswith("Done: ")


def test_every_late_section_keeps_its_title_and_place():
    import io

    from pypdf import PdfReader

    design = _design()
    reader = PdfReader(io.BytesIO(build_pdf(design, results_for(design))))
    outline = [entry.title for entry in reader.outline]
    for title, _ in deferred.LATE.values():
        assert any(o.endswith(" " + title) for o in outline), (title, outline)
    assert [int(o.split()[0]) for o in outline] == list(range(1, len(outline) + 1))


def test_a_findings_table_is_made_when_first_used():
    design = star_design(12)
    results = results_for(design)
    names = {s.id: s.name for s in design.sites}
    codes = {}
    for f in results.findings:
        codes.setdefault(f.code, []).append(f)
    code, items = max(codes.items(), key=lambda kv: len(kv[1]))
    assert len(items) > appendix.FINDINGS_AS_TEXT
    _, table = appendix._finding_group(code, items, names)
    assert isinstance(table, deferred.LazyTable) and isinstance(table, Table)
    assert "_make" in table.__dict__ and work_units(table) == len(items) + 1  # counted, not made
    assert not hasattr(table, "locChanger") and "_make" in table.__dict__  # probes do not make it
    assert len(table._cellvalues) == len(items) + 1  # made on first use: the very table
    assert type(table) is MeasuredTable and "_make" not in table.__dict__
    assert work_units(table) == len(items) + 1
