"""Saved designs and PDFs get the permissions any new file gets (0666 less the umask), and a file saved over keeps
its own: the atomic write's temporary (0600 from mkstemp) must not leak its mode into the result."""

from __future__ import annotations

import os
import stat
import sys
from contextlib import contextmanager

import pytest

from advisor.io import save, write_atomic
from advisor.model import Design

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


@contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600), (0o027, 0o640)])
def test_new_files_follow_the_umask(tmp_path, mask, expected):
    # 0666 & ~mask, as open() does: 0o666 & ~0o022 = 0o644, & ~0o002 = 0o664, & ~0o077 = 0o600, & ~0o027 = 0o640
    with umask(mask):
        write_atomic(tmp_path / "doc.pdf", b"%PDF-1.4\n")
        save(Design(name="modes"), tmp_path / "design.json")
    assert mode(tmp_path / "doc.pdf") == expected
    assert mode(tmp_path / "design.json") == expected


def test_the_new_file_matches_what_open_creates(tmp_path):
    with umask(0o022):
        with open(tmp_path / "plain", "wb"):
            pass
        write_atomic(tmp_path / "atomic", b"x")
    assert mode(tmp_path / "atomic") == mode(tmp_path / "plain") == 0o644


def test_saving_over_a_file_keeps_its_mode(tmp_path):
    path = tmp_path / "design.json"
    with umask(0o022):
        save(Design(name="v1"), path)
        os.chmod(path, 0o640)
        save(Design(name="v2"), path)
        assert mode(path) == 0o640
        os.chmod(path, 0o604)
        write_atomic(path, b"{}")
        assert mode(path) == 0o604
    assert mode(tmp_path / "design.json.bak") == 0o640  # the backup is the previous version, with its mode


def test_the_umask_is_left_as_it_was(tmp_path):
    with umask(0o027):
        write_atomic(tmp_path / "a", b"x")
        assert os.umask(0o027) == 0o027
