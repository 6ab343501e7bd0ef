"""The design travels inside its PDF as the file attachment `design.json`, so the PDF opens again as a design.

Reading needs no PDF library (advisor.io opens PDFs at start-up): our PDFs keep attachments as plain indirect
stream objects, which a small parser finds. Writing uses reportlab's PDF objects.
"""

from __future__ import annotations

import re
import zlib

ATTACHMENT_NAME = "design.json"
MAX_EMBEDDED_BYTES = 64 * 1024 * 1024  # the design file limit (advisor.io.MAX_FILE_BYTES)


class EmbeddedDesignDamaged(ValueError):
    """The attachment is not what advisor writes: e.g. a stated length longer than any file."""


class EmbeddedDesignTooLarge(ValueError):
    """The embedded design would inflate beyond the limit; refused while inflating, before the memory is spent."""

_EMBEDDED = re.compile(rb"/Type\s*/EmbeddedFile\b")
_OBJ_START = re.compile(rb"\d+\s+\d+\s+obj\b")
_LENGTH = re.compile(rb"/Length\s+(\d+)(\s+\d+\s+R)?")
_JSON_SUBTYPE = b"/application#2Fjson"  # the attachment's MIME type as `sealed` writes it
MAX_LENGTH_DIGITS = 15  # more than any file holds (and 5,000 digits exceed Python's integer conversion limit)


def sealed(data: bytes):
    """The attachment's stream, compressed now (advisor.report.streams): a 20,000-site design is 30 MB of JSON,
    held until the document is saved otherwise; compressed, a tenth of that."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFZCompress

    from advisor.report.streams import SealedStream

    class _MimeName(PDFObject):
        """A PDF name holding a MIME type: '/' must be written #2F, which reportlab's PDFName does not do."""

        def format(self, document):
            return b"/application#2Fjson"

    params = PDFDictionary({"Size": len(data)})
    return SealedStream({"Type": PDFName("EmbeddedFile"), "Subtype": _MimeName(), "Params": params}, data,
                        [PDFZCompress])


def attach(canvas, data, name: str = ATTACHMENT_NAME, description: str = "") -> None:
    """Add `data` (bytes, or their stream from `sealed`) as a document-level file attachment (EmbeddedFiles name
    tree) to a reportlab canvas."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

    doc = canvas._doc  # reportlab has no public attachment API; its PDF object model is stable since 3.x
    stream = sealed(data) if isinstance(data, bytes | bytearray) else data
    stream_ref = doc.Reference(stream)
    spec = PDFDictionary({
        "Type": PDFName("Filespec"),
        "F": PDFString(name),
        "UF": PDFString(name),
        "Desc": PDFString(description or name),
        "AFRelationship": PDFName("Source"),
        "EF": PDFDictionary({"F": stream_ref, "UF": stream_ref}),
    })
    spec_ref = doc.Reference(spec)
    names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": PDFArray([PDFString(name), spec_ref])})})
    doc.Catalog.Names = names


def extract_design(pdf_bytes: bytes, max_bytes: int = MAX_EMBEDDED_BYTES) -> str | None:
    """The embedded design JSON of a PDF made by advisor, or None when the PDF carries none. Of several, the last in
    the file: a PDF changed by an incremental update (a viewer's "save" of an annotated copy, an editor's) appends
    the newer objects after the older ones, which stay in the file unread; the first one was an older design.

    Raises EmbeddedDesignTooLarge when an attachment holds more than `max_bytes` once inflated, and
    EmbeddedDesignDamaged when one is damaged and no other reads.
    """
    if not pdf_bytes.startswith(b"%PDF"):
        return None
    found, damaged = None, None
    for match in _EMBEDDED.finditer(pdf_bytes):
        try:
            text = _read_stream(pdf_bytes, match.start(), max_bytes)
        except EmbeddedDesignDamaged as exc:
            # a damaged design after the one read is the newer copy: the older one opened in its place, in silence
            # (another kind of attachment, a picture added later, does not hide the design)
            if found is None or _JSON_SUBTYPE in _dictionary(pdf_bytes, match.start()):
                found, damaged = None, exc
            continue
        if text is not None and text.lstrip().startswith("{"):
            found, damaged = text, None
    if found is None and damaged is not None:
        raise damaged
    return found


def names_design(pdf_bytes: bytes) -> bool:
    """Whether the PDF attaches a JSON file named design.json, as advisor writes it, whether or not the attachment
    still reads: when `extract_design` finds nothing in such a PDF, the attachment is damaged (a copy cut short),
    not missing."""
    return b"/application#2Fjson" in pdf_bytes and f"({ATTACHMENT_NAME})".encode("ascii") in pdf_bytes


def _dictionary(pdf: bytes, inside_dict: int) -> bytes:
    """The stream dictionary around `inside_dict`: from its object's start to the stream keyword (empty if none)."""
    starts = [m.end() for m in _OBJ_START.finditer(pdf, max(0, inside_dict - 4096), inside_dict)]
    keyword = pdf.find(b"stream", inside_dict)
    return pdf[starts[-1]:keyword] if starts and keyword >= 0 else b""


def _read_stream(pdf: bytes, inside_dict: int, max_bytes: int = MAX_EMBEDDED_BYTES) -> str | None:
    head = _dictionary(pdf, inside_dict)
    if not head:
        return None
    keyword = pdf.find(b"stream", inside_dict)
    length = _LENGTH.search(head)
    if length is None or length.group(2):  # indirect lengths are not what we write
        return None
    if len(length.group(1)) > MAX_LENGTH_DIGITS:
        raise EmbeddedDesignDamaged(f"the attachment states a length of {len(length.group(1)):,} digits")
    begin = keyword + len(b"stream")
    begin += 2 if pdf[begin:begin + 2] == b"\r\n" else 1
    raw = pdf[begin:begin + int(length.group(1))]
    try:
        if b"/FlateDecode" in head:
            raw = _inflate(raw, max_bytes)
            if raw is None:
                return _unread(pdf, head)
        elif b"/Filter" in head:
            return None
        if len(raw) > max_bytes:
            raise EmbeddedDesignTooLarge(f"more than {max_bytes} bytes")
    except zlib.error:
        return _unread(pdf, head)
    try:  # a byte-order mark is taken, as in a design file; bytes that are not UTF-8 are damage, not "no design"
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EmbeddedDesignDamaged("the attachment is not UTF-8 text") from None


def _unread(pdf: bytes, head: bytes) -> None:
    """A stream that does not inflate: damage when its dictionary says JSON, as advisor's attachment does, and the
    file still ends as a PDF does (a copy cut inside it, "%%EOF" appended after, lost the name "design.json" written
    after the stream and read as a PDF carrying no design); None for another attachment, or for a file that stops
    early (advisor.io says it is cut short)."""
    if _JSON_SUBTYPE in head and b"%%EOF" in pdf[-1024:]:
        raise EmbeddedDesignDamaged("the JSON attachment does not inflate (cut short or damaged)")
    return None


def _inflate(data: bytes, max_bytes: int) -> bytes | None:
    """zlib-inflate at most `max_bytes` (+1 to tell); None for a damaged or truncated stream."""
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, max_bytes + 1)
    if len(out) > max_bytes:
        raise EmbeddedDesignTooLarge(f"more than {max_bytes} bytes once inflated")
    if not inflater.eof:
        return None  # truncated: zlib.decompress refused these too
    return out
