"""Keeping a long document's memory down while it is written: each page's content is encoded (compressed) as soon as
the page is finished, not all at once when the document is saved, and is let go once it is written out.

reportlab keeps every page's operators as text until it saves the document, then compresses them all and joins the
file: a 20,000-site document of 15,000 pages held some 250 MB of page text, then its compressed copy, then the file
twice over. The bytes written are the same: the very filters reportlab applies, applied earlier.
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFBase85Encode,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFZCompress,
)


class SealedStream(PDFStream):
    """A PDF stream encoded once, when made: its filters applied as reportlab's PDFStream.format applies them (in
    reverse order, their names in order in /Filter), the text let go. The encoded bytes are let go in turn once the
    stream is written into the file (a document formats each object once)."""

    __RefOnly__ = 1

    def __init__(self, dictionary: dict, content, filters: list):
        encoded = content
        names = []
        for f in reversed(filters):
            encoded = f.encode(encoded)
            names.insert(0, PDFName(f.pdfname))
        entries = dict(dictionary)
        if names:
            entries["Filter"] = PDFArray(names)  # a dictionary's keys are written sorted: its place is the same
        super().__init__(PDFDictionary(entries), encoded, None)

    def format(self, document):
        formatted = super().format(document)
        self.content = b""  # written: the file holds it now
        return formatted


def page_filters() -> list:
    """The filters reportlab gives a compressed page's content (PDFPage.check_format)."""
    return [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]


def seal_last_page(canvas) -> None:
    """Encode the page the canvas has just finished (showPage), as PDFPage.check_format would when the document is
    saved: the same content object, made now. A page with no content or a content already set is left as it is."""
    pages = canvas._doc.Pages.pages
    if not pages:
        return
    page = pages[-1]
    if page.Override_default_compilation or page.Contents or not page.stream:
        return
    stream = SealedStream({}, page.stream, page_filters() if page.compression else [])
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None


class Capture:
    """A file-like target for reportlab's SaveToFile, which writes the whole document in one call: the bytes are
    kept as they are, not copied into a buffer and out of it again (two more copies of a 60 MB file)."""

    def __init__(self):
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        self.parts.append(bytes(data) if not isinstance(data, bytes) else data)
        return len(data)

    def getvalue(self) -> bytes:
        if len(self.parts) != 1:
            self.parts = [b"".join(self.parts)]
        return self.parts[0]
