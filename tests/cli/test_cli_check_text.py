"""`advisor check FILE` as text: voice and signalling in their own columns, every column with its unit, statuses in
words, one rounding rule (advisor.numbers), and tables that stay aligned. Expected figures are hand calculations."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli._common import display_width, table

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.json"))
HQ12 = next(p for p in EXAMPLES if p.stem == "hq-12-branches-mpls")
CLUSTER = next(p for p in EXAMPLES if p.stem == "two-dc-clustering-over-wan")


def parse_tables(text: str) -> dict[str, list[dict[str, str]]]:
    """Each table under its title line, as {header: cell} rows. Columns are read from the dashed rule's spans, so a
    value written outside its column (broken alignment) is caught: the cell would not match the expected figure."""
    lines = text.splitlines()
    tables = {}
    for i, line in enumerate(lines):
        if not re.fullmatch(r"-+(  -+)*", line):
            continue
        spans = [m.span() for m in re.finditer(r"-+", line)]
        start = i
        while start > 0 and lines[start - 1].strip() and not lines[start - 1].startswith("("):
            start -= 1
        title = lines[start - 2] if lines[start - 1].startswith("(") else lines[start - 1]
        header = [" ".join(h[a:b].strip() for h in lines[start:i] if h[a:b].strip()) for a, b in spans]
        rows = []
        for row in lines[i + 1:]:
            if not row.strip():
                break
            rows.append({name: row[a:b if n < len(spans) - 1 else None].strip()
                         for n, (name, (a, b)) in enumerate(zip(header, spans, strict=True))})
        tables[title] = rows
    return tables


def check_text(cli, path) -> str:
    proc = cli("check", str(path))
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def by_link(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["link"]: row for row in rows}


@pytest.fixture(scope="module")
def hq12():
    proc = subprocess.run([sys.executable, "-m", "advisor", "check", str(HQ12)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert proc.returncode in (0, 1), proc.stderr
    return parse_tables(proc.stdout)


def test_voice_and_signalling_have_their_own_columns_with_units(hq12):
    bandwidth = hq12["Bandwidth per link, per direction, at the busy hour"]
    assert list(bandwidth[0]) == ["link", "ends", "busy-hour Erlangs", "concurrent calls", "per call kbps",
                                  "voice kbps", "signalling kbps", "total kbps"]
    capacity = hq12["Capacity per link"]
    assert list(capacity[0]) == ["link", "ends", "total kbps", "capacity kbps", "utilization %",
                                 "voice share of link %", "status"]


def test_zurich_branch_by_hand(hq12):
    """l-br01, Zürich: 24 users, 24 phones, G.729 20 ms under GET VPN (ESP tunnel, AES-CBC, SHA1-96) on Ethernet.

    per call: clear packet 20 B payload + 12 RTP + 8 UDP + 20 IP = 60 B; ESP: 60 + 2 trailer = 62 -> padded to 64
      (16 B block); IP packet 20 outer + 8 ESP + 16 IV + 64 + 12 ICV = 120 B; frame 120 + 18 = 138 B;
      138 × 8 × 50 packets/s = 55,200 bps = 55.20 kbps
    calls: 1.965 E at 1 % blocking: the Erlang B table gives 1.909 E on 6 trunks, 2.501 E on 7 -> 7 calls
    voice: 7 × 55.20 = 386.40 kbps (the issue: the old single column showed 388.68, signalling included)
    signalling (Cisco SRND, SCCP): (53 + 21 × 2 calls per phone) × 24 phones = 2,280 bps = 2.28 kbps
    total: 386.40 + 2.28 = 388.68 kbps; utilization 388.68 / 2,048 = 18.98 % -> 19.0; voice 386.40 / 2,048 =
      18.87 % -> 18.9 (one decimal, as everywhere)
    """
    row = by_link(hq12["Bandwidth per link, per direction, at the busy hour"])["l-br01"]
    assert row["ends"] == "Zürich – Provider MPLS VPN"
    assert row["concurrent calls"] == "7" and row["per call kbps"] == "55.20"
    assert row["voice kbps"] == "386.40" and row["signalling kbps"] == "2.28" and row["total kbps"] == "388.68"
    assert 1.909 < float(row["busy-hour Erlangs"]) <= 2.501
    cap = by_link(hq12["Capacity per link"])["l-br01"]
    assert cap["total kbps"] == "388.68" and cap["capacity kbps"] == "2,048.00"
    assert cap["utilization %"] == "19.0" and cap["voice share of link %"] == "18.9" and cap["status"] == "ok"


def test_headquarters_link_by_hand(hq12):
    """l-hq: 37 calls × 55.20 = 2,042.40 kbps; signalling of the 1,062 - 600 = 462 remote phones (HQ holds the
    publisher, its own phones signal locally): 462 × 95 bps = 43,890 bps = 43.89 kbps; total 2,086.29 kbps with
    thousands separators; 2,086.29 / 20,000 = 10.43 % -> 10.4; 2,042.40 / 20,000 = 10.21 % -> 10.2.
    37 calls: 26.165 E lies between 25.507 E (36 trunks) and 26.378 E (37 trunks) at 1 %."""
    row = by_link(hq12["Bandwidth per link, per direction, at the busy hour"])["l-hq"]
    assert (row["concurrent calls"], row["voice kbps"], row["signalling kbps"], row["total kbps"]) == \
        ("37", "2,042.40", "43.89", "2,086.29")
    assert 25.507 < float(row["busy-hour Erlangs"]) <= 26.378
    cap = by_link(hq12["Capacity per link"])["l-hq"]
    assert (cap["capacity kbps"], cap["utilization %"], cap["voice share of link %"]) == ("20,000.00", "10.4", "10.2")


def test_summary_splits_the_wan_load(cli):
    """Over the 13 links: the branches carry 7, 9, 11 and 7 calls (Zürich, São Paulo, Lyon, Graz), three times
    over: 3 × 34 = 102 calls, + 37 at HQ = 139 calls; 139 × 55.20 = 7,672.80 kbps of voice. Each branch's
    signalling crosses its own link and HQ's: 2 × 43.89 = 87.78 kbps. Total 7,760.58 kbps."""
    out = check_text(cli, HQ12)
    assert ("WAN load: 7,760.58 kbps per direction, summed over the links "
            "(voice 7,672.80 kbps + signalling 87.78 kbps)") in out
    assert "users 1,062" in out


def test_statuses_are_spelled_out(cli, tmp_path):
    """Zürich on 1,024 kbps: voice 386.40 / 1,024 = 37.7 % > the 33 % priority-queue share, total 388.68 fits:
    above the priority-queue share (utilization 37.96 % -> 38.0). Graz (389.25 kbps) on 256 kbps: overloaded,
    389.25 / 256 = 152.05 % -> 152.1."""
    design = json.loads(HQ12.read_text(encoding="utf-8"))
    capacities = {"l-br01": 1024.0, "l-br04": 256.0}
    for link in design["links"]:
        link["capacity_kbps"] = capacities.get(link["id"], link["capacity_kbps"])
    path = tmp_path / "tight.json"
    path.write_text(json.dumps(design), encoding="utf-8")
    out = check_text(cli, path)
    cap = by_link(parse_tables(out)["Capacity per link"])
    assert (cap["l-br01"]["utilization %"], cap["l-br01"]["voice share of link %"]) == ("38.0", "37.7")
    assert cap["l-br01"]["status"] == "above priority-queue share"
    assert (cap["l-br04"]["utilization %"], cap["l-br04"]["status"]) == ("152.1", "overloaded")
    assert "at most 33.0 %: the priority-queue share" in out
    assert not re.search(r"\bLLQ\b|\bllq\b|\boverload\b", out.split("Bandwidth per link")[1])


def test_intra_cluster_traffic_is_its_own_column(cli):
    """Clustering over the WAN: the DCI carries ICCS and database traffic; total = voice + signalling + that."""
    tables = parse_tables(check_text(cli, CLUSTER))
    rows = tables["Bandwidth per link, per direction, at the busy hour"]
    assert "intra-cluster kbps" in rows[0]
    for row in rows:
        parts = [float(row[c].replace(",", "")) for c in ("voice kbps", "signalling kbps", "intra-cluster kbps")]
        assert sum(parts) == pytest.approx(float(row["total kbps"].replace(",", "")), abs=0.011), row
        voice = int(row["concurrent calls"]) * float(row["per call kbps"])
        assert voice == pytest.approx(float(row["voice kbps"].replace(",", "")), abs=0.005), row
    assert float(by_link(rows)["dci"]["intra-cluster kbps"].replace(",", "")) > 0


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_tables_fit_120_columns(cli, example):
    out = check_text(cli, example)
    tables = out[out.find("Bandwidth per link"):] if "Bandwidth per link" in out else ""
    widest = max((display_width(line) for line in tables.splitlines()), default=0)
    assert widest <= 120, widest


def test_wide_and_combining_characters_keep_columns_aligned():
    rows = [["東京 – MPLS", "1.00"], ["Zu\u0308rich – MPLS", "22.50"], ["Wien", "3"]]
    lines = table(rows, ["ends", "voice\nkbps"], "lr").splitlines()
    # 東京 takes four terminal columns, the combining diaeresis none: every line ends in the same column.
    assert {display_width(line) for line in lines} == {20}
    assert lines[0] == " " * 15 + "voice"


def test_control_characters_in_names_do_not_reach_the_terminal(cli):
    """A site named "A<NUL>B<ESC>[2J<DEL><RLO>" must neither clear the terminal nor shift the columns: each control
    character prints as one '?'. Both links carry 9 calls × 112.80 kbps = 1,015.20 kbps (G.711 20 ms under static
    VTI: 200 B clear packet, ESP 202 -> 208 B, IP 20 + 8 + 16 + 208 + 12 = 264 B, frame 282 B × 8 × 50 packets/s)."""
    out = check_text(cli, ROOT / "tests" / "data" / "hostile" / "control-characters.json")
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f\u202e]", out)
    rows = parse_tables(out)["Bandwidth per link, per direction, at the busy hour"]
    assert rows[0]["ends"].startswith("A?B?[2J??")
    assert [row["voice kbps"] for row in rows] == ["1,015.20", "1,015.20"]
