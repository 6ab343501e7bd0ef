"""Tables whose columns hold text of very different lengths share their width by what the columns hold
(`advisor.report.balance`): short names stay on one line at their own width, the long reasons take the room they
leave; the bill of materials' lines read that way for a 1,000-site design and for a few sites sharing lines."""

from __future__ import annotations

import pytest

from advisor.report import balance, fonts, materials, styles
from advisor.report.widths import PADDING

REASON = ("975 phones: the design's platform Cisco 3945 registers 2,094 phones in Unified SRST (SCCP phones) (the "
          "site's SRST capacity setting); an end-of-sale router, kept because the design names it")
OLD_SHARES = [96, 70, 76, 26, 170, 30, 26]


@pytest.fixture(autouse=True)
def _fonts():
    fonts.register()


def _one_line(text: str) -> float:
    return fonts.string_width(text, 7.5) + 2 * PADDING + 1.0


def test_short_columns_take_their_width_and_the_long_ones_share_the_rest():
    names = [f"Branch {i}" for i in range(200)]
    reasons = [REASON + f" {i}" for i in range(200)]
    widths, keep = balance.by_content([names, None, reasons], [96, 30, 170])
    assert abs(sum(widths) - styles.FRAME_WIDTH) < 1e-6
    assert widths[0] == pytest.approx(max(map(_one_line, names)))  # every name on one line, no more
    assert widths[1] == pytest.approx(30 * styles.FRAME_WIDTH / 296)  # a figures column keeps its share
    assert widths[2] == pytest.approx(styles.FRAME_WIDTH - widths[0] - widths[1])
    assert keep == (0,)


def test_names_that_mostly_fit_stay_on_one_line_and_lists_wrap():
    names = [f"Branch {i}" for i in range(95)] + [", ".join(f"Store {k:02}" for k in range(7))] * 5
    widths, keep = balance.by_content([names, [REASON] * 100], [96, 170])
    assert widths[0] == pytest.approx(max(_one_line(n) for n in names[:95]))  # the single names, not the lists
    assert keep == (0,)


def test_running_text_gives_up_at_most_half_its_share():
    short, long_text = ["word " * 30] * 50, [REASON * 4] * 50
    widths, keep = balance.by_content([short, long_text], [200, 100])
    assert widths[0] == pytest.approx(balance.FLOOR_SHARE * 200 * styles.FRAME_WIDTH / 300)
    assert keep == ()


def _rows(n: int, sites_per_row: int = 1) -> list[materials.Row]:
    return [materials.Row("SRST router (branch)", "Cisco ISR 4331", 1, REASON, "", False,
                          tuple(f"s{i}-{k}" for k in range(sites_per_row))) for i in range(n)]


def test_bill_of_materials_names_stay_on_one_line_beside_wider_reasons():
    rows = _rows(300)
    names = {s: f"Branch {i}" for i, row in enumerate(rows) for s in row.sites}
    table = materials._lines(rows, names, {})
    widths = table._argW
    old = [w * styles.FRAME_WIDTH / sum(OLD_SHARES) for w in OLD_SHARES]
    assert widths[0] >= max(map(_one_line, names.values())) - 1e-6  # "Branch 299" on one line
    assert widths[4] > 1.25 * old[4]  # the reasons' column
    assert abs(sum(widths) - styles.FRAME_WIDTH) < 1e-6


def test_bill_of_materials_lists_of_sites_keep_their_room():
    rows = _rows(9, sites_per_row=6)
    names = {s: f"Store {s}" for row in rows for s in row.sites}
    widths = materials._lines(rows, names, {})._argW
    old = [w * styles.FRAME_WIDTH / sum(OLD_SHARES) for w in OLD_SHARES]
    assert widths[0] >= balance.FLOOR_SHARE * old[0] - 1e-6
    assert widths[4] >= old[4] - 1e-6


def test_a_wrapping_column_keeps_its_longest_word():
    # beside a long reason, "SRST router (branch)" broke inside "(branch)" when the item column gave up half its share
    items = ["SRST router (branchoffice)"] * 40
    widths, _keep = balance.by_content([items, [REASON * 3] * 40], [40, 300])
    share = 40 * styles.FRAME_WIDTH / 340
    word = _one_line("(branchoffice)")
    assert word > balance.FLOOR_SHARE * share  # the case: the word is wider than half the share
    assert widths[0] >= min(share, word) - 1e-6
