"""Hostile input, round 21: a design with several problems is refused on one readable line by every command.

The checked path lists the problems one per indented line (the app's dialog shows them so); on the command line
the line breaks became '?' and a long list was cut in the middle of a word at 1,000 characters:
`invalid design, 13 problems:?  links[0].l2: … atm-vcm … ustom (link 'l-br09')?  links[10]…`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import io
from advisor.cli._common import MAX_MESSAGE, fail


def _refusal(text: str) -> str:
    with pytest.raises(io.DesignFileError) as exc:
        io.parse(text, "d.json")
    return str(exc.value)


def test_a_few_problems_are_one_line_separated_by_semicolons(capsys):
    message = _refusal('{"sites": [{"id": "a", "users": -1}, {"id": "b", "users": -2}, {"id": "c", "users": "x"}]}')
    assert fail(message) == 2
    assert capsys.readouterr().err == (
        "advisor: error: d.json: invalid design, 3 problems: sites[0].users: must be ≥ 0 (site 'a'); "
        "sites[1].users: must be ≥ 0 (site 'b'); sites[2].users: must be a whole number (site 'c')\n")


def test_a_long_list_shows_whole_problems_then_how_many_more(capsys):
    # 40 sites each with an unknown field: 40 problems of 36-37 characters ("sites[7].bad: is not a known field").
    sites = ", ".join(f'{{"id": "s{i}", "bad": 1}}' for i in range(40))
    fail(_refusal(f'{{"sites": [{sites}]}}'))
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "?" not in err
    head, _, rest = err.rstrip("\n").partition(" problems: ")
    assert head == "advisor: error: d.json: invalid design, 40"
    shown, _, more = rest.partition("; … and ")
    items = shown.split("; ")
    # Each shown problem is whole and in order; the count of the others is exact.
    assert items == [f"sites[{i}].bad: is not a known field (site 's{i}')" for i in range(len(items))]
    assert more == f"{40 - len(items)} more"
    assert len(err) <= len("advisor: error: ") + MAX_MESSAGE + 1
    assert len(items) >= 10  # ~45 characters each: far more than ten fit in 1,000


def test_a_message_that_is_not_a_list_is_unchanged(capsys):
    fail("d.json: invalid design: sites[0].users: must be ≥ 0 (site 'a')")
    assert capsys.readouterr().err == "advisor: error: d.json: invalid design: sites[0].users: must be ≥ 0 (site 'a')\n"


@pytest.mark.parametrize("argv, what", [
    (["check", ""], "design file"), (["check", "--json", ""], "design file"), (["bom", ""], "design file"),
    (["report", ""], "design file"), (["report", "", "-o", "out.pdf"], "design file"),
    (["import", "", "-o", "out.json"], "site list"),
])
def test_an_empty_file_name_is_named_as_such_not_read_as_the_current_folder(argv, what, capsys, tmp_path,
                                                                           monkeypatch):
    from advisor.cli import main

    monkeypatch.chdir(tmp_path)  # Path("") is "."; it said ".: is a folder, not a design file"
    assert main(argv) == 2
    assert capsys.readouterr().err == f"advisor: error: no file name given: name a {what}\n"
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize("key, shown", [("satellite", "'satellite'"), ("a\nb", "'a\\nb'"),
                                        ("x" * 100, "'" + "x" * 39 + "…'")])
def test_an_unknown_transport_key_is_named_by_its_mapping_not_as_a_path_step(key, shown):
    import json

    text = json.dumps({"sites": [{"id": "a"}], "scenarios": [{"name": "s", "transports": {key: "dmvpn"}}]})
    message = _refusal(text)
    # was "scenarios[0].transports.satellite.[key]: must be one of …"
    assert (f"scenarios[0].transports: key {shown} must be one of 'mpls', 'internet' or 'private-wan'"
            in message)
    assert "[key]" not in message


@pytest.mark.parametrize("options, error", [
    (["--hub", ""], "hub: the name is empty; give a site's name or id, or leave the hub out for the site with the "
                    "most users"),
    (["--hub", "  "], "hub: the name is empty; give a site's name or id, or leave the hub out for the site with "
                      "the most users"),
    (["--sheet", "x"], "option --sheet: sites.csv is a CSV file, which has no sheets; leave --sheet out"),
])
def test_import_options_that_cannot_apply_are_refused_not_ignored(options, error, tmp_path, capsys):
    from advisor.cli import main

    (tmp_path / "sites.csv").write_text("name,users\nA,10\nB,20\n", encoding="utf-8")
    out = tmp_path / "d.json"
    # An empty hub picked site A (the first row without an id), not B (the most users); --sheet was dropped
    assert main(["import", str(tmp_path / "sites.csv"), "-o", str(out), *options]) == 2
    assert capsys.readouterr().err == f"advisor: error: {error}\n"
    assert not out.exists()


EXAMPLE = "resources/examples/hq-12-branches-mpls.json"


@pytest.mark.parametrize("argv", [
    ["bom", EXAMPLE, "--csv", "{in_file}/x.csv"], ["report", EXAMPLE, "-o", "{in_file}/x.pdf"],
    ["import", "{sites}", "-o", "{in_file}/sub/d.json"], ["exercises", "-o", "{in_file}/e.pdf"],
])
def test_an_output_under_a_file_names_the_file_not_a_missing_folder(argv, tmp_path, capsys, monkeypatch):
    from advisor.cli import main

    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    (tmp_path / "sites.csv").write_text("name,users\nA,10\n", encoding="utf-8")
    (tmp_path / "in_file").write_text("not a folder", encoding="utf-8")
    args = [a.format(in_file=tmp_path / "in_file", sites=tmp_path / "sites.csv") for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.endswith(f"{tmp_path / 'in_file'} is a file, not a folder; give a file name in a folder\n")
    assert "does not exist" not in err  # what it said before


def test_what_was_written_is_said_on_one_line(tmp_path, capsys, monkeypatch):
    from advisor.cli import main

    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    out = tmp_path / "a\nb.xlsx"
    assert main(["check", EXAMPLE, "--xlsx", str(out)]) == 0
    assert out.exists()
    assert capsys.readouterr().out == f"wrote {tmp_path}/a?b.xlsx\n"
