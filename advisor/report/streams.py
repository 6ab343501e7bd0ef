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
    PDFCrossReferenceTable,
    PDFDictionary,
    PDFDocument,
    PDFFile,
    PDFIndirectObject,
    PDFName,
    PDFStream,
    PDFTrailer,
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
    """A file-like target for `save` when the document is wanted as bytes (the app's export): the pieces kept as
    they are and joined once, not copied into a growing buffer and out of it again."""

    def __init__(self):
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        self.parts.append(bytes(data) if not isinstance(data, bytes) else data)
        return len(data)

    def getvalue(self) -> bytes:
        if len(self.parts) != 1:
            self.parts = [b"".join(self.parts)]
        return self.parts[0]


class _WriteThrough(PDFFile):
    """reportlab's PDFFile (what a document formats itself into: the pieces, and the offset the cross-reference
    table reads) writing each piece into the file at once rather than keeping them all to join."""

    def __init__(self, pdf_version, out):
        super().__init__(pdf_version)  # the header, kept by PDFFile: written now
        for piece in self.strings:
            out.write(piece)
        self.strings = []
        self.write = out.write

    def format(self, document) -> bytes:
        return b""  # all written


def save(document: PDFDocument, out, canvas) -> int:
    """What reportlab's PDFDocument.SaveToFile does with a file object, writing each object into `out` as soon as
    it is formatted; returns the number of bytes written. reportlab formats every object into a list, joins the
    list and writes the join: two copies of a 60 MB file on top of the layout. The same bytes: its GetPDFData and
    format, step by step, with the pieces written through (tests/report/test_report_streamed.py compares them).

    A document with digital signatures (they sign the whole file) is formatted whole, as reportlab does."""
    if getattr(document, "_savedToFile", False):
        raise RuntimeError(f"class {type(document).__name__} instances can only be saved once")
    document._savedToFile = True
    if getattr(document, "_digiSigs", None):
        data = document.GetPDFData(canvas)
        out.write(data)
        return len(data)
    # GetPDFData
    for font in document.delayedFonts:
        font.addObjects(document)
    document.info.invariant = document.invariant
    document.info.digest(document.signature)
    document.Reference(document.Catalog)
    document.Reference(document.info)
    document.Outlines.prepare(document, canvas)
    if document.Outlines.ready < 0:
        document.Catalog.Outlines = None
    return _format(document, out)


def _format(document: PDFDocument, out) -> int:
    """reportlab's PDFDocument.format (5.x), into `out`: the objects in number order, each followed by its offset,
    then the cross-reference table and the trailer."""
    document.encrypt.prepare(document)
    catalog, info = document.Catalog, document.info
    document.Reference(catalog)
    document.Reference(info)
    encrypt_ref = None
    encrypt_info = document.encrypt.info()
    if encrypt_info:
        encrypt_ref = document.Reference(encrypt_info)
    counter = 0
    ids = []
    number_to_id, id_to_object, id_to_offset = document.numberToId, document.idToObject, document.idToOffset
    document.__accum__ = file = _WriteThrough(document._pdfVersion, out)
    while True:  # objects may be added while others are formatted
        counter += 1
        if counter not in number_to_id:
            break
        oid = number_to_id[counter]
        obj = id_to_object[oid]
        formatted = PDFIndirectObject(oid, obj).format(document)
        if not rl_config.invariant and rl_config.pdfComments:
            try:
                classname = obj.__class__.__name__
            except Exception:  # noqa: BLE001 - reportlab's own fallback
                classname = ascii(obj)
            file.add(f"% {ascii(oid)}: class {classname[:50]} \n")
        id_to_offset[oid] = file.add(formatted)
        ids.append(oid)
    del document.__accum__
    if counter - 1 != len(number_to_id):
        raise ValueError(f"counter {counter} doesn't match number to id dictionary {len(number_to_id)}")
    xref = PDFCrossReferenceTable()
    xref.addsection(0, ids)
    xref_offset = file.add(xref.format(document))
    trailer = PDFTrailer(startxref=xref_offset, Size=len(number_to_id) + 1, Root=document.Reference(catalog),
                         Info=document.Reference(info), Encrypt=encrypt_ref, ID=document.ID())
    file.add(trailer.format(document))
    return file.offset
