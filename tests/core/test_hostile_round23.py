"""Hostile input, round 23, below the command line: the check of an output name before any work, and the
--vary messages naming the key as typed."""

from __future__ import annotations

import pytest

from advisor import scenarios
from advisor.cli._common import file_problem


def test_a_writable_name_has_no_problem_and_leaves_nothing_behind(tmp_path):
    assert file_problem(str(tmp_path / "x.pdf"), "design.pdf") is None
    assert list(tmp_path.iterdir()) == []  # the probe file is removed


def test_a_name_ending_in_a_slash_names_a_folder(tmp_path):
    problem = file_problem(f"{tmp_path}/new/", "design.pdf")
    assert problem == f"ends in '/', so it names a folder; give a file name such as {tmp_path}/new/design.pdf"


def test_an_existing_folder(tmp_path):
    assert file_problem(str(tmp_path), "sheet.pdf") == f"is a folder; give a file name such as {tmp_path}/sheet.pdf"


def test_a_link_into_a_missing_folder_names_that_folder(tmp_path):
    link = tmp_path / "x.pdf"
    link.symlink_to(tmp_path / "gone" / "x.pdf")
    assert file_problem(str(link), "x.pdf") == (f"is a link to {tmp_path}/gone/x.pdf, and the folder {tmp_path}/gone "
                                                "does not exist")


def test_a_folder_where_no_file_can_be_made(tmp_path, monkeypatch):
    from advisor import atomic

    def locked_temp(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic, "locked_temp", locked_temp)
    assert file_problem(str(tmp_path / "x.pdf"), "x.pdf") == "cannot be written: Permission denied"


@pytest.mark.parametrize("item, words", [("calls=abc", "--vary calls=abc: 'abc' is not a number"),
                                         ("ptime=20ms", "--vary ptime=20ms: '20ms' is not a number"),
                                         ("gos=%", "--vary gos=%: '%' is not a number")])
def test_vary_messages_name_the_key_as_typed(item, words):
    """They named the field behind the key: 'calls_per_user', 'ptime_ms'."""
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.scenarios_from_vary(scenarios.parse_vary([item]))
    assert str(caught.value) == words


def test_the_fast_comment_wrap_wraps_as_textwrap_does():
    """`advisor configs` wraps each link's comment (90,000 of them in a 300-site full mesh) without textwrap when
    the words are separated by single spaces: the lines must be textwrap's, long words and all."""
    import random
    import textwrap

    from advisor.configs._base import _greedy

    rng = random.Random(23)
    for _ in range(3000):
        words = ["".join(rng.choice("ab-x.é") for _ in range(rng.randint(1, 14))) for _ in range(rng.randint(1, 20))]
        text = " ".join(words)
        for width in (1, 5, 12, 40):
            assert _greedy(text, width) == textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


@pytest.mark.parametrize("text", ["  two  spaces   ", "x" * 300, "a " * 80, " lead", "trail ", "a\tb\nc d"])
def test_comments_with_other_spacing_still_wrap_as_textwrap_does(text):
    import textwrap

    from advisor.configs._base import WRAP, clean, comment

    expected = textwrap.wrap(clean(text), WRAP - 2, break_long_words=False, break_on_hyphens=False)
    assert comment(text) == [f"! {line}" for line in expected]


def test_a_write_through_a_link_names_the_targets_missing_folder(tmp_path):
    # `check --csv LINK` where LINK points into a folder that does not exist: the reason named the link's own
    # folder (which exists) as one that "takes no new files"; the folder missing is the target's.
    import errno

    from advisor.io_errors import write_reason

    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "missing" / "dir" / "out.csv")
    text = write_reason(OSError(errno.ENOENT, "No such file or directory"), link)
    assert f"the folder {tmp_path / 'missing' / 'dir'} does not exist" in text
    assert "takes no new files" not in text


class _Terminal:
    """A standard output that says it is a terminal, its bytes kept."""

    def __init__(self, tty: bool) -> None:
        import io

        self.buffer = io.BytesIO()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def flush(self) -> None:
        pass


@pytest.mark.parametrize("tty", [True, False])
def test_csv_to_a_terminal_shows_control_characters_as_question_marks(monkeypatch, tty):
    # `compare --csv -` printed scenario names raw: an escape or a right-to-left override drove the terminal. In
    # a pipe the text stays as written (the next program reads the names themselves).
    import sys

    from advisor import tabular

    out = _Terminal(tty)
    monkeypatch.setattr(sys, "stdout", out)
    table = tabular.Sheet("t", ["name", "note"], [["a\x1b[2Jb\u202ec", "two\nlines\tand a tab"]])
    tabular.write_csv("-", table)
    text = out.buffer.getvalue().decode("utf-8")
    if tty:
        assert "a?[2Jb?c" in text and "\x1b" not in text and "\u202e" not in text
    else:
        assert "a\x1b[2Jb\u202ec" in text
    assert "two\nlines\tand a tab" in text  # the cell's own line break and tab stay, quoted by the CSV
