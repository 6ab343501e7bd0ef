"""Long work shows its progress on a terminal: one line on stderr, rewritten in place, only after a second, and
rubbed out at the end; nothing at all when stderr is a file or a pipe."""

from __future__ import annotations

import io

from advisor import progress
from advisor.analysis import analyse
from advisor.cli._progress import SHOW_AFTER_S, TerminalLine, on_terminal
from advisor.model import Design
from advisor.routing_blocks import PROGRESS_MIN_NODES


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _ring(n: int) -> Design:
    """A ring with one chord across it: one meshed part routed by one tree per site (a plain ring is summed at once,
    `advisor.routing_ring`, too fast to report)."""
    sites = [{"id": f"s{i}", "users": 10, "cucm_publisher": i == 0} for i in range(n)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{(i + 1) % n}"} for i in range(n)]
    links.append({"id": "chord", "a": "s0", "b": f"s{n // 2}"})
    return Design.model_validate({"name": "ring", "sites": sites, "links": links, "vpn": {"technology": "none"}})


class _Clock:
    """A terminal line on a clock the test sets (`at`)."""

    def __init__(self):
        self.now = 0.0
        self.out = _Terminal()
        self.line = TerminalLine(self.out, clock=lambda: self.now)

    def at(self, seconds: float, done: int, total: int) -> str:
        self.now = seconds
        self.line("routing", done, total)
        return self.out.getvalue()


def test_the_line_waits_a_second_then_says_how_far_and_how_long():
    now = [0.0]
    out = _Terminal()
    line = TerminalLine(out, clock=lambda: now[0])
    line("routing", 0, 200)
    now[0] = SHOW_AFTER_S / 2
    line("routing", 10, 200)
    assert out.getvalue() == ""  # under a second: quiet
    now[0] = 2.0
    line("routing", 50, 200)  # a quarter in 2 s: 6 s to go
    assert out.getvalue() == "\rrouting: 25 % (about 6 s left)"
    now[0] = 2.1
    line("routing", 60, 200)  # too soon after the last update
    assert out.getvalue().count("\r") == 1
    now[0] = 3.0
    line("routing", 100, 200)  # half way in 3 s: 3 s to go; the longer line before is rubbed out
    before, after = "routing: 25 % (about 6 s left)", "routing: 50 % (about 3 s left)"
    assert out.getvalue().endswith("\r" + after + " " * (len(before) - len(after)))
    now[0] = 6.0
    line("routing", 200, 200)  # done: the line is rubbed out at once, before the command writes anything else
    assert out.getvalue().endswith("\r" + after + "\r" + " " * len(after) + "\r")
    line.clear()  # nothing left to rub out
    assert out.getvalue().endswith("\r" + " " * len(after) + "\r")


def test_each_run_of_a_loop_is_timed_from_its_own_start():
    c = _Clock()
    c.at(0.0, 0, 100)
    c.at(2.0, 50, 100)
    shown = c.at(3.0, 100, 100)  # the first run ends after 3 s (its line rubbed out)
    c.at(3.0, 0, 100)  # the same loop again (the next option of a comparison)
    assert c.at(3.5, 50, 100) == shown  # half a second into this run: quiet, and not "about 3 s left"
    assert c.at(5.0, 50, 100).endswith("\rrouting: 50 % (about 2 s left)")  # two seconds in, half done


def test_minutes_for_long_work():
    c = _Clock()
    c.at(0.0, 0, 1000)
    assert c.at(60.0, 100, 1000) == "\rrouting: 10 % (about 9 min left)"  # a tenth in a minute: nine to go


def test_a_large_meshed_part_reports_from_start_to_end_and_a_small_one_never():
    seen: list[tuple[str, int, int]] = []
    with progress.reporting(lambda what, done, total: seen.append((what, done, total))):
        analyse(_ring(40))
        assert seen == []
        analyse(_ring(PROGRESS_MIN_NODES))
    assert seen[0][1:] == (0, PROGRESS_MIN_NODES) and seen[-1][1:] == (PROGRESS_MIN_NODES, PROGRESS_MIN_NODES)
    assert f"{PROGRESS_MIN_NODES:,} sites" in seen[0][0]
    assert [done for _w, done, _t in seen] == sorted(done for _w, done, _t in seen)
    assert progress.reporter() is None  # restored after the block


def test_nothing_is_written_when_stderr_is_not_a_terminal():
    out = io.StringIO()
    with on_terminal(out):
        assert progress.reporter() is None
    with on_terminal(_Terminal()):
        assert isinstance(progress.reporter(), TerminalLine)
    assert out.getvalue() == ""


def test_a_ticker_reports_about_a_hundred_times_and_at_the_end():
    assert progress.ticker("work", 1000, 10) is None  # nobody shows progress
    seen: list[int] = []
    with progress.reporting(lambda _what, done, _total: seen.append(done)):
        assert progress.ticker("work", 9, 10) is None  # too short to show
        tick = progress.ticker("work", 1003, 10)
        for i in range(1003):
            tick(i)
        tick(1003)
    # every 1003 // 100 = 10 steps: 0, 10, …, 1000 (101 reports), then the end
    assert seen == [*range(0, 1001, 10), 1003]
