"""Builders the core tests share: random graphs for the routing loops, and workbooks written byte by byte."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _random_graph(rnd: random.Random, n: int, extra: int, parallel: int):
    """A random connected graph: a random tree, `extra` chords and `parallel` doubled edges, as adjacency lists of
    (neighbour, edge) in a shuffled order, and each edge's ends."""
    ends = [(rnd.randrange(i), i) for i in range(1, n)]
    for _ in range(extra):
        a, b = rnd.sample(range(n), 2)
        ends.append((a, b))
    for _ in range(parallel):
        ends.append(ends[rnd.randrange(len(ends))])
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for k, (a, b) in enumerate(ends):
        adj[a].append((b, k))
        adj[b].append((a, k))
    for row in adj:
        rnd.shuffle(row)  # adjacency order decides between parallel edges: not sorted by anything
    return [tuple(row) for row in adj], ends


def _workbook(sheets: list[bytes], names: list[bytes] | None = None, targets: list[int] | None = None,
              shared: bytes | None = None) -> bytes:
    """An .xlsx of worksheets (each its <worksheet> content). `names`: the sheets' names (default S1, S2, …);
    `targets[i]`: the part sheet i reads (default i); `shared`: the shared-text table's <si> items, if any."""
    names = names or [b"S%d" % (i + 1) for i in range(len(targets or sheets))]
    targets = targets or list(range(len(sheets)))
    rels = b"".join(b'<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>'
                    % (i + 1, REL, t + 1) for i, t in enumerate(targets))
    shared_type = b""
    if shared is not None:  # openpyxl finds the shared-text table by its content type
        shared_type = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                       b'officedocument.spreadsheetml.sharedStrings+xml"/>')
        rels += b'<Relationship Id="rIdS" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % REL
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
                               b'-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                               b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                               b'officedocument.spreadsheetml.sheet.main+xml"/>' + shared_type + b"</Types>",
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       b'relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
                       b'</Relationships>' % REL,
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook xmlns="%s" xmlns:r="%s"><sheets>' % (MAIN, REL)
                           + b"".join(b'<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1)
                                      for i, n in enumerate(names)) + b"</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                                      b'package/2006/relationships">' + rels + b"</Relationships>",
    }
    for i, body in enumerate(sheets):
        parts[f"xl/worksheets/sheet{i + 1}.xml"] = b'<?xml version="1.0"?><worksheet xmlns="%s">%s</worksheet>' % (
            MAIN, body)
    if shared is not None:
        parts["xl/sharedStrings.xml"] = b'<?xml version="1.0"?><sst xmlns="%s">%s</sst>' % (MAIN, shared)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.fixture
def random_graph():
    """`graph(rnd, n, extra, parallel)` -> (adjacency, ends): see `_random_graph`."""
    return _random_graph


@pytest.fixture
def xlsx_book():
    """`book(sheets, names=None, targets=None, shared=None)` -> the .xlsx bytes: see `_workbook`."""
    return _workbook
