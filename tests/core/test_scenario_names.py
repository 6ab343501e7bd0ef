"""Scenario names that read alike are one name: a design file whose scenarios' names differ only in how an accent
was typed (NFC 'caf\u00e9' and NFD 'cafe\u0301'), in case, in spacing or in invisible characters is refused with the
scenario's place and the clash, and so is a name that shows nothing. The names are kept as written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from advisor import io
from advisor.io_errors import DesignFileError
from advisor.model import Design, Scenario
from advisor.validation import reading_key

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"
NFC, NFD = "caf\u00e9", "cafe\u0301"  # one 'é' (U+00E9); 'e' then the combining acute accent (U+0301)
ALIKE = "names are told apart as they read: not by case, spacing, invisible characters or how an accent was typed"


def _file(tmp_path: Path, *names: str) -> Path:
    design = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    design["scenarios"] = [{"name": name, "codec": codec}
                           for name, codec in zip(names, ("g729", "g711", "ilbc-20"), strict=False)]
    path = tmp_path / "options.json"
    path.write_text(json.dumps(design, ensure_ascii=False), encoding="utf-8")
    return path


def _refusal(tmp_path: Path, *names: str) -> str:
    with pytest.raises(DesignFileError) as err:
        io.load(_file(tmp_path, *names))
    return str(err.value)


def test_the_two_unicode_forms_of_one_accent_are_two_different_strings():
    """The premise: Python compares code points, so without normalising the design kept both."""
    assert NFC != NFD and len(NFC) == 4 and len(NFD) == 5


@pytest.mark.parametrize("first, second", [
    (NFC, NFD),                               # an accent typed as one character or as two
    ("Option A", "option a"),                 # upper and lower case
    ("Option A", "  Option   A "),            # spaces around and between the words
    ("Option A", "Option\u00a0A"),            # a no-break space
    ("Option A", "Option A\u200b"),           # a zero-width space at the end
    ("Option A", "\ufeffOption A"),           # a byte-order mark in front
    ("Option A", "Option A\u200e"),           # a left-to-right mark
    ("Option A", "\u2066Option A\u2069"),     # an isolate around it
    ("Option A", "Option A\u200d"),           # a joiner that joins nothing
    ("A B", "A\tB"),                          # a tab reads as a space
    ("Option A", "\uff2fption \uff21"),       # full-width letters
])
def test_names_that_read_alike_are_refused_with_both_places(tmp_path, first, second):
    message = _refusal(tmp_path, first, second)
    assert "scenarios[1].name: " in message and "the name of scenarios[0]" in message
    assert f"({ALIKE}); give each scenario a name of its own" in message


def test_the_message_quotes_both_names_and_shows_an_invisible_character_by_its_escape(tmp_path):
    message = _refusal(tmp_path, "Option A", "Option A\u200b")
    assert message.endswith("invalid design: scenarios[1].name: 'Option A\\u200b' reads the same as 'Option A', "
                            f"the name of scenarios[0] ({ALIKE}); give each scenario a name of its own")


def test_the_clash_names_the_first_earlier_scenario_it_reads_as(tmp_path):
    """Three scenarios, the third reads as the first: scenarios[2] against scenarios[0]."""
    message = _refusal(tmp_path, NFC, "Other", NFD.upper())
    assert f"scenarios[2].name: '{NFD.upper()}' reads the same as '{NFC}', the name of scenarios[0]" in message


def test_the_same_name_twice_keeps_its_short_message(tmp_path):
    message = _refusal(tmp_path, "Option A", "Option A")
    assert message.endswith("scenarios[1].name: 'Option A' is already the name of scenarios[0]; give each scenario "
                            "a name of its own")


@pytest.mark.parametrize("name, shown", [
    ("   ", "'   '"),
    ("\u200b", "'\\u200b'"),                   # a zero-width space alone
    ("\u200b\u2060\ufeff", "'\\u200b\\u2060\\ufeff'"),  # zero-width space, word joiner, byte-order mark
    ("\u200e", "'\\u200e'"),                   # a left-to-right mark alone
    ("\u200d", "'\u200d'"),                    # a joiner alone (the message shows it as it is: it joins nothing)
    ("\u3000", "'\u3000'"),                    # an ideographic space
])
def test_a_name_that_shows_nothing_is_refused_with_its_place(tmp_path, name, shown):
    message = _refusal(tmp_path, "Option A", name)
    assert message.endswith(f"invalid design: scenarios[1].name: {shown} shows nothing (only spaces or invisible "
                            "characters); give the scenario a name")


@pytest.mark.parametrize("name", ["", " ", "\u200b", "\u2066\u2069"])
def test_a_scenario_alone_refuses_a_name_that_shows_nothing(name):
    with pytest.raises(ValidationError):
        Scenario(name=name)


@pytest.mark.parametrize("first, second", [
    ("Option A", "Option B"),
    ("cafe", NFC),                    # the accent tells them apart
    ("a\u200db", "ab"),               # a joiner between two letters shapes them: kept
    ("Option 1", "Option 11"),
])
def test_names_that_read_differently_are_kept(first, second):
    design = Design(scenarios=(Scenario(name=first), Scenario(name=second)))
    assert [s.name for s in design.scenarios] == [first, second]


def test_a_name_is_kept_as_written(tmp_path):
    """Only the comparison normalises: the file's text comes back byte for byte, NFD and spaces included."""
    path = _file(tmp_path, NFD, " Spaced  out ", "Zero\u200bwidth")
    names = [s.name for s in io.load(path).scenarios]
    assert names == [NFD, " Spaced  out ", "Zero\u200bwidth"]
    again = tmp_path / "again.json"
    io.save(io.load(path), again)
    assert [s.name for s in io.load(again).scenarios] == names


@pytest.mark.parametrize("name, key", [
    (NFC, "café"), (NFD, "café"), ("Caf\u00e9\u200b", "café"), ("  Option   A ", "option a"),
    ("Option\u00a0A", "option a"), ("\u202eright", "right"), ("\u200d a \u200c", "a"), ("a\u200db", "a\u200db"),
    ("A\tB", "a b"), ("clear\x1b[2J", "clear[2j"), ("\u200b", ""), ("   ", ""),
])
def test_reading_key_by_hand(name, key):
    """Each key worked by hand: NFKC, characters that show nothing dropped, spaces collapsed, case folded."""
    assert reading_key(name) == key
