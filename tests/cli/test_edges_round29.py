"""Round 29, legal extremes through the command line (helper C).

`advisor erlang` printed "blocking 0 %" when Erlang B's blocking underflowed the smallest double: 0.5 E offered to
200 trunks blocks about 0.5^200 / 200! ≈ 1e-435 of the calls (B(n, A) ≈ A^n / n! when n ≫ A), a positive share
that a double cannot hold. Offered traffic always meets some blocking, so the text must say it is below the
smallest share shown, as it does for 1e-12, and never "0 %" (which reads as if no call could ever be lost).
"""

from __future__ import annotations


def test_underflowed_blocking_is_not_zero_percent(cli):
    proc = cli("erlang", "--traffic", "0.5", "--trunks", "200")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("blocking less than 0.000000001 %"), proc.stdout
    assert "0 %" not in proc.stdout.replace("0.000000001 %", "")


def test_trunks_check_for_smallest_gos_is_not_zero_percent(cli):
    # 2.2250738585072014e-308 is the smallest grade of service taken (a denormal such as 5e-324 is refused as too
    # close to 0 to read exactly, as calc and compare refuse it: round 56): the 150 trunks that meet it leave a
    # blocking of about 7e-309, a denormal; the check in brackets must not read "0 %".
    proc = cli("erlang", "--traffic", "0.5", "--gos", "2.2250738585072014e-308")
    assert proc.returncode == 0, proc.stderr
    assert ": less than 0.000000001 %)" in proc.stdout, proc.stdout


def test_no_traffic_still_blocks_nothing(cli):
    # 0 E offered: B(n, 0) = 0 exactly for n ≥ 1, and that is what it says.
    proc = cli("erlang", "--traffic", "0", "--trunks", "3")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("blocking 0 %"), proc.stdout
