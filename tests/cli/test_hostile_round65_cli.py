"""The command line's surface, fuzzed (arguments, output targets, environment, signals): a HOME that is no folder,
a planted FIFO, signals between a temporary's creation and its record, a new FILE.bak left by a failed save,
`PATH/.` as an output, standard output on the input file, a closed pipe after `--csv -`, words after `--`, bytes
that are no UTF-8, and an exercise sheet and key replaced as a pair."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import atomic, io, io_stream
from tests.cli.conftest import ROOT

EXAMPLE = ROOT / "resources" / "examples" / "two-dc-clustering-over-wan.json"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX signals, FIFOs and HOME")


def _advisor(*args, env: dict | None = None, cwd=ROOT, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    full = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "advisor", *args], capture_output="stdout" not in kw, text=True,
                          timeout=timeout, cwd=cwd, env=full, **kw)


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@posix_only
@pytest.mark.parametrize("home", ["/dev/null", "file", "folder", "fifo"])
def test_a_home_that_is_no_usable_folder_still_gives_the_pdfs(home, tmp_path):
    """reportlab runs ~/.reportlab_mods as it starts: with HOME=/dev/null it failed "Not a directory", which
    `report` blamed on the output file and `exercises` called an internal error; a FIFO there blocked for ever."""
    if home == "file":
        (tmp_path / "home").write_text("not a folder")
    elif home == "folder":
        (tmp_path / "home" / ".reportlab_mods").mkdir(parents=True)
    elif home == "fifo":
        (tmp_path / "home").mkdir()
        os.mkfifo(tmp_path / "home" / ".reportlab_mods")
    env = {"HOME": home if home.startswith("/") else str(tmp_path / "home")}
    got = _advisor("report", str(EXAMPLE), "-o", str(tmp_path / "out.pdf"), env=env, timeout=60)
    assert got.returncode == 0, got.stderr
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    got = _advisor("exercises", "--count", "2", "-o", str(tmp_path / "sheet.pdf"), env=env, timeout=60)
    assert got.returncode == 0, got.stderr
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")


@posix_only
def test_a_failing_reportlab_hook_is_named_not_the_output(tmp_path):
    (tmp_path / ".reportlab_mods").write_text("syntax error here(\n")
    target = tmp_path / "out.pdf"
    target.write_bytes(b"kept")
    for args in (("report", str(EXAMPLE), "-o", str(target)), ("exercises", "--count", "1", "-o", str(target))):
        got = _advisor(*args, env={"HOME": str(tmp_path)})
        assert got.returncode == 2
        err = _one_line(got.stderr)
        assert ".reportlab_mods" in err and "SyntaxError" in err and "correct or remove it" in err
        assert "cannot be written" not in err and "internal error" not in err
        assert target.read_bytes() == b"kept"


@posix_only
def test_a_fifo_at_the_error_logs_name_does_not_block(tmp_path):
    """The error log's name in the shared temporary folder is predictable: a FIFO planted there blocked every
    internal error's message for ever. It is passed over (no "details are in")."""
    os.mkfifo(tmp_path / f"advisor-error-{os.getuid()}.log")
    code = ("import tempfile, sys; tempfile.tempdir = sys.argv[1]; "
            "from advisor.cli._errors import internal_error; print(internal_error(ZeroDivisionError('x')))")
    got = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=30,
                         cwd=ROOT)
    assert got.returncode == 0, got.stderr
    assert got.stdout.startswith("unexpected internal error (ZeroDivisionError: x)")
    assert "the details are in" not in got.stdout


def _signal_as_made(monkeypatch, *, after_calls: int = 1):
    """locked_temp sends this process Ctrl-C right after making its temporary: where the signal is not held, it
    arrives before the save has recorded the temporary."""
    real = atomic.locked_temp
    calls = []

    def locked_temp(folder, prefix):
        got = real(folder, prefix)
        calls.append(got[1])
        if len(calls) == after_calls:
            os.kill(os.getpid(), signal.SIGINT)
        return got

    monkeypatch.setattr(atomic, "locked_temp", locked_temp)
    return calls


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@posix_only
@pytest.mark.parametrize("how", ["write_atomic", "write_atomic_many", "atomic_writer", "backup"])
def test_ctrl_c_as_a_temporary_is_made_leaves_none(how, tmp_path, monkeypatch):
    """`advisor configs` interrupted left a hidden `.NAME.XXXXXXXX.tmp` in 11 of 12 runs: Ctrl-C arrived between
    the temporary's creation and its record. The signal is held until the save holds it, so its cleanup runs."""
    target = tmp_path / "d.json"
    target.write_bytes(b"old")
    calls = _signal_as_made(monkeypatch, after_calls=2 if how == "backup" else 1)
    with pytest.raises(KeyboardInterrupt):
        if how == "write_atomic":
            io.write_atomic(target, b"new")
        elif how == "backup":  # the second temporary: FILE.bak's copy
            io.write_atomic(target, b"new", backup=True)
        elif how == "write_atomic_many":
            io.write_atomic_many([(target, b"new"), (tmp_path / "e.json", b"new")])
        else:
            with io_stream.atomic_writer(target) as out:
                out.write(b"new")
    assert calls and _temporaries(tmp_path) == []
    assert target.read_bytes() == b"old"
    assert not (tmp_path / "d.json.bak").exists()


@posix_only
def test_a_sheet_and_its_key_are_replaced_as_a_pair(tmp_path, monkeypatch):
    """Ctrl-C between the two files left a new sheet beside the key of an earlier seed: the pair is replaced
    together, the signal taken once both are in place."""
    from advisor.cli.exercises_cmd import _write_pair

    sheet, key = tmp_path / "sheet.pdf", tmp_path / "key.pdf"
    sheet.write_bytes(b"old sheet")
    key.write_bytes(b"old key")
    real = atomic.replace_locked
    calls = []

    def replace_locked(tmp, target):
        calls.append(target)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)
        return real(tmp, target)

    monkeypatch.setattr(atomic, "replace_locked", replace_locked)
    with pytest.raises(KeyboardInterrupt):
        _write_pair(sheet, b"new sheet", key, b"new key")
    assert (sheet.read_bytes(), key.read_bytes()) == (b"new sheet", b"new key")
    assert _temporaries(tmp_path) == []


@posix_only
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_end_a_report_as_ctrl_c_does(sig, code, tmp_path):
    """`timeout` (SIGTERM) or a closed terminal (SIGHUP) during `report` left a `.out.pdf.XXXXXXXX.tmp` in every
    run: the command now ends through its cleanup, with one line and the status the signal would have given."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    design = tmp_path / "big.json"
    design.write_text(generate(1500, "mesh").model_dump_json())
    target = tmp_path / "out.pdf"
    proc = subprocess.Popen([sys.executable, "-m", "advisor", "report", str(design), "-o", str(target), "--progress"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    first = proc.stderr.readline()  # the layout has started: the temporary is there
    assert first, "no progress line"
    proc.send_signal(sig)
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == code, err
    assert f"advisor: error: stopped by {signal.Signals(sig).name}" in err and "Traceback" not in err
    assert not target.exists() and _temporaries(tmp_path) == []


def test_a_failed_save_leaves_no_new_backup(tmp_path, monkeypatch):
    """`import -o FILE` that could not replace FILE left FILE.bak, a copy of a file that never changed."""
    target = tmp_path / "t.json"
    target.write_bytes(b"old")

    real = atomic.replace_locked

    def refuse(tmp, path):  # the file itself cannot be replaced (immutable); its backup can
        if Path(path).name == "t.json":
            raise PermissionError(1, "Operation not permitted")
        return real(tmp, path)

    monkeypatch.setattr(atomic, "replace_locked", refuse)
    with pytest.raises(PermissionError):
        io.write_atomic(target, b"new", backup=True)
    assert target.read_bytes() == b"old" and not (tmp_path / "t.json.bak").exists()
    (tmp_path / "t.json.bak").write_bytes(b"older")  # an older backup stays as it was
    with pytest.raises(PermissionError):
        io.write_atomic(target, b"new", backup=True)
    assert (tmp_path / "t.json.bak").read_bytes() == b"older"
    assert _temporaries(tmp_path) == []


@pytest.mark.parametrize("args", [("report", "{x}", "-o", "{dir}/notes.txt/."),
                                  ("check", "{x}", "--csv", "{dir}/newdir/."),
                                  ("check", "{x}", "--xlsx", "{dir}/sub/.."),
                                  ("exercises", "--count", "1", "--answers", "{dir}/notes.txt/.")])
def test_an_output_ending_in_a_dot_names_a_folder(args, tmp_path):
    """pathlib drops a trailing '/.': `-o notes.txt/.` replaced notes.txt with the PDF, `--csv newdir/.` made a
    file named newdir."""
    (tmp_path / "notes.txt").write_text("PRECIOUS")
    got = _advisor(*(a.format(x=EXAMPLE, dir=tmp_path) for a in args))
    assert got.returncode == 2
    assert "so it names a folder" in _one_line(got.stderr)
    assert (tmp_path / "notes.txt").read_text() == "PRECIOUS"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@posix_only
@pytest.mark.parametrize("args", [("report", "{x}", "-o", "-"), ("check", "--json", "{x}"), ("configs", "{x}")])
def test_standard_output_on_the_input_file_is_refused(args, tmp_path):
    """`advisor report d.json -o - >> d.json` appended the PDF to the design; `1<>d.json` overwrote its start."""
    design = tmp_path / "d.json"
    design.write_bytes(EXAMPLE.read_bytes())
    with open(design, "ab") as out:
        got = subprocess.run([sys.executable, "-m", "advisor", *(a.format(x=design) for a in args)], stdout=out,
                             stderr=subprocess.PIPE, text=True, timeout=120, cwd=ROOT)
    assert got.returncode == 2
    assert "standard output is the input design" in _one_line(got.stderr)
    assert design.read_bytes() == EXAMPLE.read_bytes()


@posix_only
@pytest.mark.parametrize("args", [("check", "{x}", "--csv", "-"), ("check", "{x}", "--xlsx", "-"),
                                  ("bom", "{x}", "--csv", "-"), ("compare", "{x}", "--csv", "-"),
                                  ("check", "--json", "{x}")])
def test_a_closed_pipe_gives_the_verdict_whatever_the_format(args, tmp_path):
    """`--csv - | true` ended with exit 2 "cannot write standard output: Broken pipe", `--json | true` with 0: a
    reader that has what it wanted leaves the verdict, for every format."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte
    try:
        got = subprocess.run([sys.executable, "-m", "advisor", *(a.format(x=EXAMPLE) for a in args)], stdout=write,
                             stderr=subprocess.PIPE, text=True, timeout=120, cwd=ROOT)
    finally:
        os.close(write)
    assert got.returncode in (0, 1), got.stderr
    assert got.stderr == ""


def test_words_after_double_dash_are_not_offered_as_options():
    got = _advisor("calc", "--", "--json")
    assert got.returncode == 2
    assert "did you mean" not in got.stderr
    assert "unexpected '--json'" in got.stderr and "after '--' a word is never an option" in got.stderr


@posix_only
def test_utf8_arguments_under_the_c_locale_and_bytes_that_are_no_text(tmp_path):
    """Under LC_ALL=C without UTF-8 mode each non-ASCII byte of the command line came as a lone surrogate:
    `--site 東京` named no site, `--name 東京設計` no valid name. Bytes that are no UTF-8 in `--name` are refused as
    such, not as the imported design's fault."""
    data = json.loads(EXAMPLE.read_text())
    data["sites"][1]["name"] = "東京"
    design = tmp_path / "uni.json"
    design.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    c_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "utf-8"}
    got = _advisor("explain", str(design), "--site", "東京", env=c_locale)
    assert got.returncode == 0, got.stderr
    sheet = tmp_path / "sites.csv"
    sheet.write_text("site,users\nA,10\nB,20\n")
    got = _advisor("import", str(sheet), "-o", str(tmp_path / "imp.json"), "--name", "東京設計", env=c_locale)
    assert got.returncode == 0, got.stderr
    assert json.loads((tmp_path / "imp.json").read_text(encoding="utf-8"))["name"] == "東京設計"
    got = subprocess.run([sys.executable, "-m", "advisor", "import", str(sheet), "-o", str(tmp_path / "x.json"),
                          "--name", b"\xff"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert got.returncode == 2
    assert _one_line(got.stderr) == "advisor: error: --name: not valid UTF-8 text; type the name again\n"
    assert not (tmp_path / "x.json").exists()


@posix_only
def test_configs_into_a_fifo_says_it_is_one(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    got = _advisor("configs", str(EXAMPLE), "-o", str(tmp_path / "pipe"), timeout=60)
    assert got.returncode == 2
    assert "is a named pipe (FIFO); give a folder for the sketches" in _one_line(got.stderr)
