"""The analysis pauses Python's collector around its work; pauses in several threads nest, so the collector comes back
when the last one ends, and only if it was on when the first began."""

from __future__ import annotations

import gc
import threading

from advisor import analysis


def _restore(was: bool) -> None:
    if was:
        gc.enable()
    else:
        gc.disable()


def test_one_pause_restores_what_it_found():
    was = gc.isenabled()
    try:
        for start in (True, False):
            _restore(start)
            with analysis.collector_paused():
                assert not gc.isenabled()
                assert analysis.running()
            assert gc.isenabled() is start
            assert not analysis.running()
    finally:
        _restore(was)


def test_overlapping_pauses_in_two_threads_keep_it_off_until_the_last_ends():
    # A begins, B begins, A ends (B still running: the collector must stay off), B ends (on again, as A found it)
    was = gc.isenabled()
    gc.enable()
    a_in, b_in, a_out, b_may_end = (threading.Event() for _ in range(4))
    seen: dict[str, bool] = {}

    def first():
        with analysis.collector_paused():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def second():
        a_in.wait(5)
        with analysis.collector_paused():
            b_in.set()
            a_out.wait(5)
            seen["after the first ended"] = gc.isenabled()
            b_may_end.wait(5)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    try:
        for t in threads:
            t.start()
        a_out.wait(5)
        b_may_end.set()
        for t in threads:
            t.join(5)
        assert seen == {"after the first ended": False}
        assert gc.isenabled()
        assert not analysis.running()
    finally:
        b_may_end.set()
        _restore(was)


def test_a_pause_that_found_it_off_leaves_it_off_even_if_another_thread_ends_later():
    was = gc.isenabled()
    gc.disable()
    try:
        with analysis.collector_paused():
            inner_done = threading.Event()

            def other():
                with analysis.collector_paused():
                    pass
                inner_done.set()

            t = threading.Thread(target=other)
            t.start()
            t.join(5)
            assert inner_done.is_set()
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        _restore(was)
