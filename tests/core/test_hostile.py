"""Hostile design files: every one is refused with a message naming the problem, or accepted and handled, by
`io.load`, `advisor check` (text and --json), `advisor report` and a save round trip. Never a traceback, a hang or
unbounded memory. The corpus is tests/data/hostile/ (written by make_hostile.py); the large files are made here.
"""

from __future__ import annotations

import datetime
import importlib.util
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor import io
from advisor.cli import main
from advisor.model import Design

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "data" / "hostile"
EXAMPLE = ROOT / "resources" / "examples" / "two-dc-clustering-over-wan.json"

_spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
make_hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_hostile)
CASES = sorted(make_hostile.EXPECTED.items())
ACCEPTED = [name for name, (verdict, _) in CASES if verdict == "accepted"]


@pytest.fixture(scope="module")
def large_files(tmp_path_factory):
    return make_hostile.make_large(tmp_path_factory.mktemp("hostile-large"))


def run_cli(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "advisor", *args], capture_output=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def test_the_committed_corpus_is_what_the_script_writes():
    committed = {p.name for p in HOSTILE.glob("*.json")}
    assert committed == set(make_hostile.EXPECTED)
    for name, (content, _, _) in make_hostile.cases().items():
        assert (HOSTILE / name).read_bytes() == content, f"{name}: run tests/data/hostile/make_hostile.py"
    assert sum(p.stat().st_size for p in HOSTILE.iterdir()) < 1_000_000


@pytest.mark.parametrize("name, expected", CASES, ids=[c[0] for c in CASES])
def test_load(name, expected):
    verdict, words = expected
    if verdict == "accepted":
        assert isinstance(io.load(HOSTILE / name), Design)
        return
    with pytest.raises(io.DesignFileError) as exc:
        io.load(HOSTILE / name)
    message = str(exc.value)
    assert words in message
    assert message.startswith(str(HOSTILE / name))  # names the file
    message.encode("utf-8")  # printable anywhere: no lone surrogate
    assert all(len(line) <= 400 for line in message.splitlines())


def test_large_files_are_refused_while_reading(large_files):
    for path, (_, words) in large_files.items():
        with pytest.raises(io.DesignFileError) as exc:
            io.load(path)
        assert words in str(exc.value), path


@pytest.mark.parametrize("name, expected", CASES, ids=[c[0] for c in CASES])
def test_check_cli(name, expected, capsys):
    """In-process, so a bug raises here (the last-resort handler shows tracebacks under pytest)."""
    verdict, words = expected
    for extra in ([], ["--json"]):
        status = main(["check", str(HOSTILE / name), *extra])
        out, err = capsys.readouterr()
        if verdict == "refused":
            assert status == 2 and out == ""
            assert err.startswith("advisor: error: ") and words in err
        else:
            assert status in (0, 1), err
            if extra:
                assert json.loads(out)["totals"]["sites"] >= 1


@pytest.mark.parametrize("name", ACCEPTED + ["srst-platform-100k.json", "surrogate-srst-platform.json"])
def test_report_cli(name, tmp_path, capsys):
    verdict, words = make_hostile.EXPECTED[name]
    target = tmp_path / "out.pdf"
    status = main(["report", str(HOSTILE / name), "-o", str(target)])
    out, err = capsys.readouterr()
    if verdict == "refused":
        assert status == 2 and words in err and not target.exists()
        return
    assert status == 0, err
    # the PDF carries the design, dated the day it was issued (today: the file has no issued day), and it opens again
    source = io.load(HOSTILE / name)
    assert io.load(target) == source.model_copy(update={"issued": source.issued or datetime.date.today()})


@pytest.mark.parametrize("name", ACCEPTED)
def test_save_round_trip(name, tmp_path):
    design = io.load(HOSTILE / name)
    io.save(design, tmp_path / "copy.json")
    io.save(design, tmp_path / "copy.json")
    assert io.load(tmp_path / "copy.json") == design
    assert io.load(tmp_path / "copy.json.bak") == design


def test_large_files_through_the_cli(large_files, capsys):
    for path, (_, words) in large_files.items():
        assert main(["check", str(path), "--json"]) == 2
        out, err = capsys.readouterr()
        assert out == "" and words in err


def test_embedded_design_is_capped_while_inflating(monkeypatch):
    from advisor.report import embed

    pdf = make_hostile.pdf_with_attachment(b'{"notes": "' + b" " * 10_000 + b'"}')
    assert embed.extract_design(pdf, max_bytes=20_000).startswith('{"notes"')
    with pytest.raises(embed.EmbeddedDesignTooLarge):
        embed.extract_design(pdf, max_bytes=5_000)
    # never more than the cap (+1) is inflated, whatever the stream holds
    seen = []
    real = embed.zlib.decompressobj

    class Spy:
        def __init__(self):
            self.inner = real()

        def decompress(self, data, max_length=0):
            seen.append(max_length)
            return self.inner.decompress(data, max_length)

        def __getattr__(self, name):
            return getattr(self.inner, name)

    monkeypatch.setattr(embed.zlib, "decompressobj", Spy)
    with pytest.raises(embed.EmbeddedDesignTooLarge):
        embed.extract_design(pdf, max_bytes=5_000)
    assert seen == [5_001]


@pytest.mark.parametrize("length", [b"9" * 5000, b"9" * 16, b"1" + b"0" * 20])
def test_a_stated_length_longer_than_any_file_is_a_damaged_attachment(length):
    from advisor.report import embed

    # the reader itself refuses it, without turning the digits into an integer (5,000 digits would raise)
    with pytest.raises(embed.EmbeddedDesignDamaged, match="length of"):
        embed.extract_design(make_hostile.pdf_with_attachment(b'{"name": "x"}', length=length))
    assert embed.extract_design(make_hostile.pdf_with_attachment(b'{"name": "x"}')) == '{"name": "x"}'


def test_truncated_embedded_stream_is_no_design():
    from advisor.report import embed

    pdf = make_hostile.pdf_with_attachment(b'{"name": "x"}')
    start = pdf.index(b"stream\n") + 7
    damaged = pdf[:start] + pdf[start:start + 8] + b"\n" * (len(pdf) - start - 8)
    assert embed.extract_design(damaged) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "design.json"
    os.mkfifo(fifo)
    with pytest.raises(io.DesignFileError, match="not a regular file"):
        io.load(fifo)  # would block for ever if it were opened for a plain read
    for command in (["check", str(fifo)], ["report", str(fifo), "-o", str(tmp_path / "x.pdf")]):
        proc = run_cli(*command, timeout=30)
        assert proc.returncode == 2 and b"not a regular file" in proc.stderr and b"Traceback" not in proc.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_is_refused():
    with pytest.raises(io.DesignFileError, match="/dev/zero: is not a regular file"):
        io.load("/dev/zero")


def test_read_is_capped_while_reading(tmp_path, monkeypatch):
    """The size the file system reports is not trusted (files in /proc report 0): the read stops at limit + 1."""
    p = tmp_path / "grows.json"
    p.write_bytes(b'{"notes": "' + b"x" * 5000 + b'"}')
    reads = []
    real_read, real_stat, real_fstat = os.read, os.stat, os.fstat

    def spy(fd, n):
        reads.append(n)
        return real_read(fd, n)

    def zero_size(result):
        fields = list(result[:10])
        fields[6] = 0  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(io.os, "read", spy)
    monkeypatch.setattr(io.os, "stat", lambda *a, **k: zero_size(real_stat(*a, **k)))
    monkeypatch.setattr(io.os, "fstat", lambda fd: zero_size(real_fstat(fd)))
    with pytest.raises(io.DesignFileError, match="too large"):
        io.read_file(p, limit=1000)
    assert sum(reads) == 1001  # the limit + 1, then it stops
    assert io.read_file(p, limit=10_000) == p.read_bytes()


def test_non_utf8_output_never_raises():
    env = {"PYTHONIOENCODING": "cp1252"}
    text = run_cli("check", str(EXAMPLE), env=env)
    assert text.returncode in (0, 1), text.stderr
    assert b"Traceback" not in text.stderr
    assert b"Adventure Works" in text.stdout and b"?????" in text.stdout  # 'Αθήνα' is not in cp1252
    as_json = run_cli("check", str(EXAMPLE), "--json", env=env)
    assert as_json.returncode in (0, 1), as_json.stderr
    out = json.loads(as_json.stdout.decode("cp1252"))
    assert "Αθήνα" in [site.get("name") for site in out["sites"]] or "Αθήνα" in as_json.stdout.decode("ascii", "replace") \
        or "\\u0391" in as_json.stdout.decode("ascii")
    as_json.stdout.decode("ascii")  # ensure_ascii: pure ASCII, valid JSON in any 8-bit code page
    refused = run_cli("check", str(HOSTILE / "name-long-quoted-short.json"), env={"PYTHONIOENCODING": "ascii"})
    assert refused.returncode == 2 and b"Traceback" not in refused.stderr


def test_utf8_json_output_keeps_names_readable(capsys):
    assert main(["check", str(EXAMPLE), "--json"]) in (0, 1)
    assert "Αθήνα" in capsys.readouterr().out


def test_last_resort_handler_gives_one_line_and_a_log(monkeypatch, capsys, tmp_path):
    import advisor.cli.check_cmd as check_cmd

    def boom(args):
        raise ZeroDivisionError("a bug\nwith two lines")

    monkeypatch.setattr(check_cmd, "run", boom)
    with pytest.raises(ZeroDivisionError):  # under pytest a bug stays a bug
        main(["check", str(EXAMPLE)])
    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    monkeypatch.delenv("ADVISOR_TRACEBACK", raising=False)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    assert main(["check", str(EXAMPLE)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("advisor: error: unexpected internal error (ZeroDivisionError")
    log = tmp_path / (f"advisor-error-{os.getuid()}.log" if hasattr(os, "getuid") else "advisor-error.log")
    assert str(log) in err and "Traceback" in log.read_text() and "a bug" in log.read_text()
    if hasattr(os, "getuid"):
        assert stat.S_IMODE(log.stat().st_mode) == 0o600  # the traceback may name the user's files
        log.unlink()
        log.symlink_to(tmp_path / "elsewhere.txt")  # a link planted in the shared folder is not followed
        assert main(["check", str(EXAMPLE)]) == 2
        assert "the details are in" not in capsys.readouterr().err and not (tmp_path / "elsewhere.txt").exists()


# -- generated designs, mutated ------------------------------------------------------------------------------

ids = st.from_regex(r"[A-Za-z0-9_.\-]{1,12}", fullmatch=True)
texts = st.text(max_size=30)


@st.composite
def designs(draw) -> dict:
    """Valid designs: a few sites, an optional cloud, links that join existing nodes."""
    site_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    cloud = draw(st.one_of(st.none(), ids.filter(lambda i: i not in site_ids)))
    sites = [{"id": sid, "name": draw(texts), "users": draw(st.integers(0, 2000)),
              "kind": draw(st.sampled_from(["hq", "branch", "datacenter"])),
              "x": draw(st.floats(-1e6, 1e6, allow_subnormal=False)), "y": draw(st.floats(-1e6, 1e6, allow_subnormal=False)),
              "srst_platform": draw(st.one_of(st.none(), st.text(max_size=64))),
              "srst_capacity": draw(st.one_of(st.none(), st.integers(0, 1_000_000)))} for sid in site_ids]
    nodes = site_ids + ([cloud] if cloud else [])
    links = []
    for i, sid in enumerate(site_ids):
        others = [n for n in nodes if n != sid]
        if others and draw(st.booleans()):
            links.append({"id": f"link-{i}", "a": sid, "b": draw(st.sampled_from(others)),
                          "capacity_kbps": draw(st.floats(1, 1e9)), "rtt_ms": draw(st.floats(0, 10_000, allow_subnormal=False)),
                          "l2": draw(st.sampled_from(["ethernet", "ppp", "frf12", "atm"]))})
    share = draw(st.floats(0, 1, allow_subnormal=False))
    return {"name": draw(texts), "notes": draw(st.text(max_size=200)), "sites": sites,
            "clouds": [{"id": cloud}] if cloud else [], "links": links,
            "traffic": {"llq_share": draw(st.floats(0.01, 1)), "intra_site_share": share, "on_net_share": 1 - share,
                        "pstn_share": 0.0,
                        "signalling_bps_per_phone": draw(st.one_of(st.none(), st.floats(0, 100_000, allow_subnormal=False)))}}


HOSTILE_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-(10**100), 10**100), st.floats(),
    st.sampled_from([5e-324, -5e-324, 1e308, -1e308, float("inf"), float("nan"), 0, -0.0, 10**30]),
    st.text(), st.text(min_size=65, max_size=300), st.sampled_from(["\ud800", "a\udfffb", "\x00", "\u202e", "é" * 201]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3))


def _containers(node, path=()):
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _containers(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _containers(value, (*path, i))


@st.composite
def mutated(draw) -> object:
    """A valid design with a few mutations: a value of the wrong type or out of range, odd Unicode, a missing
    or unknown field, a different structure, an old schema version."""
    data = draw(designs())
    for _ in range(draw(st.integers(1, 3))):
        spots = list(_containers(data))
        path, node = draw(st.sampled_from(spots))
        kind = draw(st.sampled_from(["value", "delete", "add", "structure", "version"]))
        if kind == "version":
            data = {**data, "schema_version": draw(st.sampled_from([0, 1, 2, -1, "1", 1.0, None, 10**5000 // 10**4990]))} \
                if isinstance(data, dict) else data
        elif isinstance(node, dict) and node and kind in ("value", "delete"):
            key = draw(st.sampled_from(sorted(node, key=str)))
            if kind == "delete":
                node.pop(key)
            else:
                node[key] = draw(HOSTILE_VALUES)
        elif isinstance(node, dict) and kind == "add":
            node[draw(st.one_of(st.text(max_size=8), st.just("\ud800")))] = draw(HOSTILE_VALUES)
        elif isinstance(node, list) and node:
            node[draw(st.integers(0, len(node) - 1))] = draw(HOSTILE_VALUES)
        elif kind == "structure" and path:
            parent = data
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]] = draw(st.sampled_from([[node], {"x": node}, 5, "text", None]))
    return data


def _parse_or_refuse(text):
    try:
        return io.parse(text, "hyp.json")
    except io.DesignFileError as exc:
        message = str(exc)
        assert message.startswith("hyp.json: ") and len(message) > len("hyp.json: ")
        message.encode("utf-8")
        return None


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(designs())
def test_generated_designs_load_and_round_trip(tmp_path_factory, data):
    design = io.parse(json.dumps(data))
    path = tmp_path_factory.mktemp("hyp") / "d.json"
    io.save(design, path)
    assert io.load(path) == design


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_designs_give_a_design_or_a_message(data):
    """Either a Design (then it saves and loads back equal) or DesignFileError with a message; nothing else."""
    text = json.dumps(data, allow_nan=True)
    design = _parse_or_refuse(text)
    if design is not None:
        assert io.parse(io.dumps(design)) == design
    _parse_or_refuse(text.encode("utf-8", "surrogatepass"))  # the same through bytes (surrogates as UTF-8)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_arbitrary_bytes_give_a_design_or_a_message(blob):
    _parse_or_refuse(blob)
