"""Writes the hostile design files of this folder: `python tests/data/hostile/make_hostile.py`.

Each case is a file that once made the advisor crash, hang or misbehave (or a close relative), with what must
happen now: `refused` files are refused with a message holding the given words (exit 2 in the CLI, a dialog in the
app); `accepted` files load and are analysed, reported and saved without error. Files too large to commit (a
million brackets, 20,001 sites, a PDF that inflates to 100 MB) are made at test time by `make_large(folder)`.

EXPECTED maps each file name to ("refused", words) or ("accepted", None); tests/core/test_hostile.py checks that
the committed files are exactly what this script writes. `other_cases()` are the reproducers that are not design
JSON (a damaged PDF, site-list workbooks), checked by tests/core/test_hostile_more.py.
"""

from __future__ import annotations

import copy
import json
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def base() -> dict:
    """A small valid design: an HQ with call processing, a branch, an MPLS cloud and two access links."""
    return {
        "schema_version": 1, "name": "Hostile base", "customer": "Test",
        "sites": [{"id": "hq", "name": "HQ", "kind": "hq", "users": 100, "cucm_publisher": True},
                  {"id": "br", "name": "Branch", "users": 20, "survivability": "srst", "srst_platform": "2811"}],
        "clouds": [{"id": "mpls", "kind": "mpls"}],
        "links": [{"id": "l-hq", "a": "hq", "b": "mpls", "capacity_kbps": 10000},
                  {"id": "l-br", "a": "br", "b": "mpls", "capacity_kbps": 1024}],
    }


def edit(change) -> bytes:
    data = copy.deepcopy(base())
    change(data)
    return json.dumps(data, indent=1).encode("utf-8")


def raw(text: str) -> bytes:
    return text.encode("utf-8")


def _set(path: str, value):
    """An edit that sets a dotted path (list items by number): `sites.1.srst_platform`."""
    def change(data):
        node, *keys, last = [data, *path.split(".")]
        for key in keys:
            node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
        node[int(last) if isinstance(node, list) else last] = value
    return change


def _text_with(path: str, marker: str, value) -> bytes:
    """JSON text whose string at `path` is replaced by a raw escape sequence (json.dumps cannot write one)."""
    text = edit(_set(path, marker)).decode("utf-8")
    return text.replace(json.dumps(marker), value).encode("utf-8")


def cases() -> dict[str, tuple[bytes, str, str | None]]:
    """file name -> (content, 'refused' | 'accepted', words the refusal names)."""
    big = "9" * 5000
    max_text = {"name": "N" * 200, "customer": "C" * 200, "author": "A" * 200, "date": "D" * 40,
                "notes": ("Notes without any space " * 900)[:20_000].replace(" ", "_"), "cucm_release": "R" * 20}

    def at_max(data):
        data.update(max_text)
        for site in data["sites"]:
            site["name"] = "W" * 200
            site["srst_platform"] = "P" * 64
        data["clouds"][0]["name"] = "M" * 200
        for link in data["links"]:
            link["name"] = "L" * 200

    def names_like_html(data):
        data["name"] = "<b>Design</b> <u>bold?</u>"
        data["sites"][0]["name"] = '<img src="/dev/zero">'
        data["sites"][1]["name"] = "<table width=100000><tr><td>x</td></tr></table>"
        data["clouds"][0]["name"] = "<qt>&amp; & <br/>"
        data["links"][0]["name"] = "<b>l1</b>"

    def names_with_breaks(data):
        unit = "Branch\noffice \x1b[2J "
        data["sites"] += [{"id": f"b{i}", "users": 20, "survivability": "srst", "srst_platform": "P" * 64}
                          for i in range(3)]
        data["links"] += [{"id": f"l-b{i}", "a": f"b{i}", "b": "mpls", "capacity_kbps": 1024} for i in range(3)]
        for i, site in enumerate(data["sites"]):
            site["name"] = (f"{i} " + unit * 20)[:200]
            site["cluster_id"] = ("cluster-" * 8)[:64]

    out = {
        # 1. migrations must take any shape
        "v0-sites-number.json": (raw('{"schema_version": 0, "sites": 5}'), "refused", "sites: must be a list"),
        "v0-sites-text.json": (raw('{"schema_version": 0, "sites": "hq"}'), "refused", "sites: must be a list"),
        "v0-sites-object.json": (raw('{"schema_version": 0, "sites": {"publisher": 1}}'), "refused", "sites"),
        "v0-site-items-junk.json": (raw('{"schema_version": 0, "sites": [1, null, [], "x"]}'), "refused",
                                    "sites[0]: must be an object"),
        "v0-publisher-given-twice.json": (raw('{"schema_version": 0, "sites": [{"id": "a", "publisher": true, '
                                              '"cucm_publisher": false}]}'), "refused",
                                          "sites[0]: both 'publisher'"),
        "flag-yes-as-text.json": (edit(lambda d: d["vpn"].update(multicast="yes") if "vpn" in d else
                                       d.update(vpn={"multicast": "yes"})), "refused",
                                  "vpn.multicast: must be true or false"),
        "v0-valid.json": (edit(lambda d: (d.update(schema_version=0),
                                          d["sites"][0].update(publisher=d["sites"][0].pop("cucm_publisher")))),
                          "accepted", None),
        "version-text.json": (raw('{"schema_version": "1"}'), "refused", "schema_version"),
        "version-negative.json": (raw('{"schema_version": -1}'), "refused", "schema_version"),
        "version-float.json": (raw('{"schema_version": 1.5}'), "refused", "schema_version"),
        "version-future.json": (raw('{"schema_version": 99}'), "refused", "newer than this advisor"),
        # 2. integers beyond Python's digit limit
        "int-5000-digits-version.json": (raw('{"schema_version": ' + big + "}"), "refused", "more than 4,300 digits"),
        "int-5000-digits-users.json": (_text_with("sites.0.users", "@@", big), "refused", "more than 4,300 digits"),
        "int-4000-digits-users.json": (_text_with("sites.0.users", "@@", "9" * 4000), "refused",
                                       "sites[0].users: must be ≤"),
        "float-5000-digits.json": (_text_with("links.0.capacity_kbps", "@@", big + ".5"), "refused",
                                   "links[0].capacity_kbps: must be a finite number"),
        # 3. lone surrogates, in values and in field names
        "surrogate-l2.json": (_text_with("links.0.l2", "@@", '"\\ud800"'), "refused", "links[0].l2: holds a lone"),
        "surrogate-codec.json": (_text_with("voice.codec", "@@", '"g\\udfff"'), "refused", "voice.codec: holds a lone"),
        "surrogate-link-end.json": (_text_with("links.1.a", "@@", '"\\udc80"'), "refused", "links[1].a: holds a lone"),
        "surrogate-srst-platform.json": (_text_with("sites.1.srst_platform", "@@", '"28\\ud83d"'), "refused",
                                         "sites[1].srst_platform: holds a lone"),
        "surrogate-notes.json": (_text_with("notes", "@@", '"ok \\uDBFF then"'), "refused", "notes: holds a lone"),
        "surrogate-field-name.json": (raw('{"\\ud800": 1}'), "refused", "a field name holds a lone surrogate"),
        "surrogate-utf8-bytes.json": (b'{"name": "\xed\xa0\x80"}', "refused", "not valid UTF-8"),
        "surrogate-pair-emoji.json": (_text_with("name", "@@", '"call \\ud83d\\udcde"'), "accepted", None),
        # 4. values that used to overflow the analysis
        "llq-share-denormal.json": (edit(_set("traffic.llq_share", 5e-324)), "refused", "traffic.llq_share: must be ≥"),
        "signalling-1e308.json": (edit(_set("traffic.signalling_bps_per_phone", 1e308)), "refused",
                                  "traffic.signalling_bps_per_phone: must be ≤"),
        "signalling-infinity.json": (_text_with("traffic.signalling_bps_per_phone", "@@", "Infinity"), "refused",
                                     "traffic.signalling_bps_per_phone: must be a finite number"),
        "gos-nan.json": (_text_with("traffic.gos", "@@", "NaN"), "refused", "traffic.gos: must be a finite number"),
        "holding-minus-infinity.json": (_text_with("traffic.holding_time_s", "@@", "-Infinity"), "refused",
                                        "traffic.holding_time_s"),
        # 5. text too long for any page
        "srst-platform-100k.json": (edit(_set("sites.1.srst_platform", "x" * 100_000)), "refused",
                                    "sites[1].srst_platform: is too long (at most 64 characters)"),
        "cucm-release-long.json": (edit(_set("cucm_release", "12." * 100)), "refused", "cucm_release: is too long"),
        "codec-long.json": (edit(_set("voice.codec", "g" * 10_000)), "refused", "voice.codec: is too long"),
        "link-end-long.json": (edit(_set("links.0.b", "m" * 10_000)), "refused", "links[0].b: is too long"),
        "name-long-quoted-short.json": (edit(_set("sites.0.name", "Z" * 50_000)), "refused",
                                        "sites[0].name: is too long (at most 200 characters)"),
        "text-at-max.json": (edit(at_max), "accepted", None),
        # names at 200 characters with line breaks (Paragraph cells, once unmeasured: their column gave its room to
        # a 64-character word and a bill-of-materials row grew taller than a page), and as table cells in the CLI
        "names-at-max-with-line-breaks.json": (edit(names_with_breaks), "accepted", None),
        # names that look like HTML: Qt rendered them as rich text, and an image naming /dev/zero hung the app
        "names-look-like-html.json": (edit(names_like_html), "accepted", None),
        # 6. values the app could not draw
        "capacity-denormal.json": (edit(_set("links.0.capacity_kbps", 5e-324)), "refused",
                                   "links[0].capacity_kbps: must be ≥ 1"),
        "srst-capacity-1e30.json": (edit(_set("sites.1.srst_capacity", 10**30)), "refused",
                                    "sites[1].srst_capacity: must be ≤ 1,000,000"),
        # structure and types
        "empty.json": (b"", "refused", "not valid JSON"),
        "null.json": (b"null", "refused", "must hold a JSON object, not null"),
        "list.json": (b"[]", "refused", "must hold a JSON object, not a list"),
        "truncated.json": (edit(lambda d: None)[:-40], "refused", "not valid JSON"),
        "nul-bytes.json": (b"{\x00}", "refused", "not valid JSON"),
        "invalid-utf8.json": (b'{"name": "\xff\xfe\xfa"}', "refused", "not valid UTF-8"),
        "utf8-bom.json": (b"\xef\xbb\xbf" + edit(lambda d: None), "accepted", None),
        "nested-deeply.json": (raw('{"notes": ' + "[" * 50_000 + "]" * 50_000 + "}"), "refused", "nested too deeply"),
        "sites-object.json": (edit(_set("sites", {"hq": {}})), "refused", "sites: must be a list"),
        "site-is-list.json": (edit(_set("sites.0", [1, 2])), "refused", "sites[0]: must be an object"),
        "security-text.json": (edit(_set("sites.0.security", "on")), "refused", "sites[0].security: must be an object"),
        "links-null.json": (edit(_set("links", None)), "refused", "links"),
        "users-bool.json": (edit(_set("sites.0.users", True)), "refused",
                            "sites[0].users: must be a whole number, not true"),  # lax reading took it as 1 user
        "control-characters.json": (edit(_set("sites.0.name", "A\u0000B\u001b[2J\u007f\u202e")), "accepted", None),
        "many-errors.json": (edit(lambda d: d["sites"].extend({"id": f"x{i}", "users": -1} for i in range(50))),
                             "refused", "… and"),
        # 7. a line break, ESC or a right-to-left override quoted from the file broke the one-line message
        "reference-with-line-breaks.json": (edit(_set("traffic.central_pstn_site", "a\nb\r\nc\x1b[2J\u202e")),
                                            "refused", "traffic.central_pstn_site: unknown site "
                                                       "'a\\nb\\r\\nc\\x1b[2J\\u202e'"),
        "field-name-with-line-break.json": (edit(lambda d: d["sites"][0].update({"us\ners": 5})), "refused",
                                            "sites[0].us\\ners: is not a known field"),
    }
    return out


EXPECTED = {name: (verdict, words) for name, (_, verdict, words) in cases().items()}


def other_cases() -> dict[str, tuple[bytes, str]]:
    """Reproducers that are not design JSON, file name -> (content, words the refusal names): a PDF whose design
    attachment states a 5,000-digit length (a traceback), a PDF naming an attachment a thousand times (300,000 took
    minutes: each is looked for through the rest of the file), and site-list workbooks whose one row, one cell or
    whole sheet holds a million XML elements (openpyxl read them for minutes, in gigabytes)."""
    one_row = b'<row r="1">' + b"<c/>" * 1_100_000 + b"</row>"
    runs = b'<row r="1"><c r="A1" t="inlineStr"><is>' + b"<r><t>x</t></r>" * 30_000 + b"</is></c></row>"
    return {
        "pdf-length-5000-digits.pdf": (pdf_with_attachment(b'{"name": "x"}', length=b"9" * 5000),
                                       "this PDF is damaged where the design is attached"),
        "pdf-many-attachments.pdf": (b"%PDF-1.4\n" + b"/Type /EmbeddedFile " * 1000,
                                     "this PDF carries no design (only PDFs made by advisor do, naming one attachment; "
                                     "this one names 1,000)"),
        "xlsx-row-of-a-million-cells.xlsx": (xlsx(one_row), "holds more than 1,000,000 XML elements"),
        "xlsx-million-rows-no-dimension.xlsx": (xlsx(b"<row/>" * 1_100_000, dimension=False),
                                                "holds more than 1,000,000 XML elements"),
        "xlsx-cell-of-30000-runs.xlsx": (xlsx(runs), "row 2 has more than 20,000 XML elements"),
    }


def xlsx(sheet_data: bytes, dimension: bool = True) -> bytes:
    """A minimal workbook (the same bytes every time): a header row, then `sheet_data` as further rows."""
    import io
    import zipfile

    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    header = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>Site Name</t></is></c>'
              b'<c r="B1" t="inlineStr"><is><t>Users</t></is></c></row>')
    sheet_data = sheet_data.replace(b'<row r="1"', b'<row r="2"').replace(b'r="A1"', b'r="A2"')
    parts = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
                               b'-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                               b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                               b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
                               b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
                               b'.worksheet+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                       b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                       b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook ' + main + b" " + rel + b'><sheets><sheet name="Sites" '
                           b'sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org'
                                      b'/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                                      b'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                                      b'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": b'<?xml version="1.0"?><worksheet ' + main + b">"
                                    + (b'<dimension ref="A1:B2"/>' if dimension else b"")
                                    + b"<sheetData>" + header + sheet_data + b"</sheetData></worksheet>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content, compresslevel=9)
    return out.getvalue()


def make_large(folder: Path) -> dict[Path, tuple[str, str | None]]:
    """Files too large to commit, written into `folder`; the same (verdict, words) as EXPECTED."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[Path, tuple[str, str | None]] = {}
    p = folder / "million-brackets.json"
    p.write_bytes(b'{"notes": ' + b"[]," * 1_100_000 + b"[]}")
    out[p] = ("refused", "more than 1,000,000 JSON objects and lists")
    p = folder / "too-many-sites.json"
    p.write_text(json.dumps({"sites": [{"id": f"s{i}"} for i in range(20_001)]}), encoding="utf-8")
    out[p] = ("refused", "sites: has too many items (at most 20,000)")
    p = folder / "too-large.json"
    with open(p, "wb") as fh:
        fh.write(b'{"notes": "')
        fh.truncate(65 * 1024 * 1024)
    out[p] = ("refused", "too large")
    p = folder / "zip-bomb.pdf"
    p.write_bytes(pdf_with_attachment(b'{"notes": "' + b" " * (100 * 1024 * 1024) + b'"}'))
    out[p] = ("refused", "larger than")
    return out


def pdf_with_attachment(payload: bytes, length: bytes | None = None) -> bytes:
    """A minimal PDF carrying `payload` as a FlateDecode EmbeddedFile stream, as advisor's own PDFs do; `length`
    replaces the stream's stated /Length."""
    packed = zlib.compress(payload, 9)
    length = str(len(packed)).encode() if length is None else length
    return (b"%PDF-1.4\n1 0 obj\n<< /Type /EmbeddedFile /Filter /FlateDecode /Length " + length
            + b" >>\nstream\n" + packed + b"\nendstream\nendobj\ntrailer << >>\n%%EOF\n")


def main() -> int:
    for old in [*HERE.glob("*.json"), *(HERE / name for name in other_cases())]:
        old.unlink(missing_ok=True)
    for name, (content, _, _) in cases().items():
        (HERE / name).write_bytes(content)
    for name, (content, _) in other_cases().items():
        (HERE / name).write_bytes(content)
    total = sum(len(c) for c, _, _ in cases().values()) + sum(len(c) for c, _ in other_cases().values())
    print(f"wrote {len(cases()) + len(other_cases())} files, {total / 1024:.0f} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
