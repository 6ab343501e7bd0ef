"""A findings table shares its width by what its columns hold: the subjects as wide as their names need (up to a
cap), the room left in proportion to each text column's length, so a row's cells take about as many lines each.
With fixed shares the long "Why" figures of per-link findings wrapped to nine lines beside a message on three (a
1,000-site design's findings took 307 pages)."""

from __future__ import annotations

from advisor.findings import finding
from advisor.report import appendix, balance, fonts, styles
from advisor.report.tables import cell, data_table
from advisor.report.widths import PADDING

SOURCE = "Cisco guide, paraphrase: a link must carry the busy-hour calls at the grade of service"
WHY = ("{i}.52 E offered at P0.01 need {c} concurrent calls; per call 63.60 kbps with GET VPN (tunnel mode, header "
       "preservation), AES-CBC + HMAC-SHA1-96, atm-vcmux: ceil((120 + 0 + 8) / 48) = 3 cells x 53 B = 159 B (VC "
       "multiplexing, AAL5).")


def _items(n: int, subject: str = "l{i}"):
    return [finding("BW-LINK-OVERLOAD", (subject.format(i=i),),
                    f"link 'Branch {i} – MPLS' needs {9000 + i:,}.52 kbps per direction ({100 + i} calls × 63.60 kbps "
                    f"+ 0.00 kbps signalling) but has 2,048.00 kbps ({400 + i}.3 % used)",
                    f"{SOURCE}. " + WHY.format(i=i, c=100 + i),
                    f"Raise the capacity to at least {9001 + i:,} kbps (to keep voice within the 33 % priority-queue "
                    f"guideline: {27000 + i:,} kbps); or move calls off this link.",
                    rule="BW-R1", source=SOURCE) for i in range(n)]


def _table(flow):
    return next(item for item in flow if hasattr(item, "_cellvalues"))


def _height(header, texts, widths) -> float:
    table = data_table(header, [[cell(t, w) for t, w in zip(row, widths, strict=True)] for row in texts], widths)
    return table.wrap(styles.FRAME_WIDTH, 1e9)[1]


def test_the_columns_share_the_frame_by_what_they_hold():
    table = _table(appendix._finding_group("BW-LINK-OVERLOAD", _items(40), {}))
    header = [str(getattr(c, "text", c)) for c in table._cellvalues[0]]
    widths = table._argW
    assert abs(sum(widths) - styles.FRAME_WIDTH) < 1e-6
    assert len(header) == len(widths) == 4
    subject, message, remedy, why = widths
    assert subject < 0.1 * styles.FRAME_WIDTH  # short ids: no 100-point column for "l7"
    assert why > max(message, remedy)  # the longest texts get the most room
    assert why > 1.5 * 150 / 660 * styles.FRAME_WIDTH  # its old fixed share
    shares = [w * styles.FRAME_WIDTH / 660 for w in (260, 150, 150)]
    for width, share in zip((message, remedy, why), shares, strict=True):  # none below half its usual share
        assert width >= balance.FLOOR_SHARE * share - 1e-6


def test_rows_are_much_shorter_than_with_fixed_shares():
    items = _items(40)
    table = _table(appendix._finding_group("BW-LINK-OVERLOAD", items, {}))
    header = ["Subject", "Finding", "Remedy", "Why"]
    texts = [[f.subjects[0], f.message, f.remedy, f.rationale[len(SOURCE) + 2:]] for f in items]
    fixed = [w * styles.FRAME_WIDTH / 660 for w in (100, 260, 150, 150)]
    balanced = _height(header, texts, list(table._argW))
    assert balanced < 0.75 * _height(header, texts, fixed)


def test_long_subject_names_wrap_within_their_cap():
    long_name = "Zweigstelle Niederösterreich-Süd Wiener Neustadt Industriegebiet {i}"
    table = _table(appendix._finding_group("BW-LINK-OVERLOAD", _items(8, long_name), {}))
    shares = appendix.SHARES
    cap = shares["Subject"] * styles.FRAME_WIDTH / sum(shares.values())
    word = fonts.string_width("Niederösterreich-Süd", 7.5, True) + 2 * PADDING + 1.0  # kept whole
    assert cap - 1e-6 <= table._argW[0] <= max(cap, word)
    assert table._argW[0] < fonts.string_width(long_name, 7.5) / 2  # the name wraps, the texts keep their room
    assert abs(sum(table._argW) - styles.FRAME_WIDTH) < 1e-6
