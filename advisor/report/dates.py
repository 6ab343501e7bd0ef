"""The document's date: the design's issued day, printed on the pages and written as the PDF's creation and
modification date. It comes from the design only, never from the clock, so one design and one day build the same
bytes anywhere (reportlab's own time stamp, even SOURCE_DATE_EPOCH, is replaced)."""

from __future__ import annotations

import datetime
import hashlib

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # not strftime's %B: the locale must not change the document


def long_date(day: datetime.date) -> str:
    """"1 March 2026": day, month in words, year, readable in any country."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def pdf_date(day: datetime.date) -> str:
    """The PDF date string for midnight UTC of the day: "D:20260301000000+00'00'"."""
    return f"D:{day.year:04d}{day.month:02d}{day.day:02d}000000+00'00'"


def stamp(canvas, issued: datetime.date | None) -> None:
    """Give a fresh reportlab canvas the issued day: the document information dictionary's CreationDate and
    ModDate (none when the design has no issued day), and a file identifier that depends on it, not on the time
    reportlab read."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFName, PDFString

    class _Info(PDFInfo):
        def format(self, document):
            entries = {"Title": PDFString(self.title), "Author": PDFString(self.author),
                       "Producer": PDFString(self.producer), "Creator": PDFString(self.creator),
                       "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
                       "Trapped": PDFName(self.trapped)}
            if issued is not None:
                entries["CreationDate"] = entries["ModDate"] = PDFString(pdf_date(issued))
            return PDFDictionary(entries).format(document)

    doc = canvas._doc  # reportlab has no public API for either; its PDFDocument has kept these names since 2.x
    info = _Info()
    info.__dict__.update(doc.info.__dict__)
    doc.info = info
    signature = hashlib.md5(b"a reportlab document", usedforsecurity=False)
    signature.update((issued.isoformat() if issued is not None else "undated").encode("ascii"))
    doc.signature = signature
