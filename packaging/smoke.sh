#!/usr/bin/env bash
# Build the frozen desktop app (PyInstaller --onedir) into a temporary folder and check that it runs:
# the CLI on bundled data, the PDF report with its bundled fonts, and the desktop app offscreen.
# Usage: packaging/smoke.sh   (ADVISOR_KEEP_BUILD=1 keeps the build; PYTHON picks another interpreter)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/advisor-package.XXXXXX")"
if [ "${ADVISOR_KEEP_BUILD:-0}" = 1 ]; then
    trap 'echo "build kept in $WORK"' EXIT
else
    trap 'rm -rf "$WORK"' EXIT
fi

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok   $*"; }

# PyInstaller is a packaging-only tool (the `package` extra), installed here on first use.
if ! "$PY" -m PyInstaller --version >/dev/null 2>&1; then
    echo "installing pyinstaller into $("$PY" -c 'import sys; print(sys.prefix)')"
    "$PY" -m pip install -q 'pyinstaller>=6'
fi

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$WORK/dist" --workpath "$WORK/build" "$ROOT/packaging/advisor.spec"
build_s=$(( $(date +%s) - start ))
DIST="$WORK/dist/advisor"
BIN="$DIST/advisor"
[ -x "$BIN" ] || fail "no executable at $BIN"
echo "built in ${build_s}s; onedir $(du -sh "$DIST" | cut -f1) ($(find "$DIST" -type f | wc -l) files)"

# Run away from the checkout, with a private settings folder, so nothing can come from the source tree.
cd "$WORK"
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config"
mkdir -p "$XDG_CONFIG_HOME"
EXAMPLE="$(find "$DIST" -path '*resources/examples/hq-12-branches-mpls.json' | head -n 1)"
[ -n "$EXAMPLE" ] || fail "bundled example resources/examples/hq-12-branches-mpls.json missing from the build"

want_version="advisor $("$PY" -c 'import sys; sys.path.insert(0, sys.argv[1]); import advisor; print(advisor.__version__)' "$ROOT")"
got_version="$("$BIN" --version)"
[ "$got_version" = "$want_version" ] || fail "--version printed '$got_version', expected '$want_version'"
pass "--version: $got_version"

# SPEC 3.2 worked example: G.729 (20 ms) in GRE over IPsec with 3DES is a 136-byte IP packet.
"$BIN" calc --codec g729 --vpn gre-ipsec --cipher 3des --json > calc.json
"$PY" - calc.json <<'PYEOF' || fail "calc --json: ip_packet_bytes is not 136"
import json, sys
data = json.load(open(sys.argv[1]))
found = []
def walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "ip_packet_bytes":
                found.append(value)
            walk(value)
    elif isinstance(node, list):
        for value in node:
            walk(value)
walk(data)
print("     ip_packet_bytes:", found)
sys.exit(0 if found and all(value == 136 for value in found) else 1)
PYEOF
pass "calc g729 gre-ipsec 3des: ip_packet_bytes 136"

# check: exit 0 (clean) or 1 (errors found) is a working run; 2 would mean the bundled file did not load.
set +e
"$BIN" check "$EXAMPLE" --json > check.json 2> check.err
check_rc=$?
set -e
[ "$check_rc" -le 1 ] || { cat check.err >&2; fail "check on the bundled example exited $check_rc"; }
"$PY" -c 'import json, sys; json.load(open(sys.argv[1]))' check.json || fail "check --json did not print JSON"
grep -q Traceback check.err && fail "check printed a traceback"
pass "check bundled example: exit $check_rc, JSON findings"

"$BIN" report "$EXAMPLE" -o "$WORK/x.pdf"
[ -s "$WORK/x.pdf" ] || fail "report wrote no PDF"
head -c 5 "$WORK/x.pdf" | grep -q '%PDF-' || fail "report output is not a PDF"
grep -aq DejaVuSans "$WORK/x.pdf" || fail "the PDF does not embed the bundled DejaVu Sans"
pass "report: $(wc -c < "$WORK/x.pdf") bytes, %PDF header, DejaVu Sans embedded"

# A PDF made by advisor opens again as a design (SPEC: the document carries the design).
set +e
"$BIN" check "$WORK/x.pdf" --json > reopen.json 2> reopen.err
reopen_rc=$?
set -e
[ "$reopen_rc" -le 1 ] || { cat reopen.err >&2; fail "check on the PDF exited $reopen_rc"; }
cmp -s check.json reopen.json || fail "the design read back from the PDF checks differently from the example"
pass "check on the PDF: same findings as the example"

set +e
QT_QPA_PLATFORM=offscreen ADVISOR_QUIT_WHEN_SHOWN=ready timeout 120 "$BIN" > gui.out 2> gui.err
gui_rc=$?
set -e
[ "$gui_rc" -eq 0 ] || { cat gui.err >&2; fail "desktop app exited $gui_rc"; }
if grep -q Traceback gui.err; then cat gui.err >&2; fail "desktop app printed a traceback"; fi
pass "desktop app offscreen: shown, exit 0, no traceback"

echo "smoke passed: build ${build_s}s, onedir $(du -sh "$DIST" | cut -f1)"
