#!/usr/bin/env bash
# `make contract`, one profile: start OUR sandbox from OUR venv on a free port, drive it with
# the vendor's own client (tools/contract/vendor_drive.py, run by the vendor venv's python),
# stop the sandbox on exit (even on failure). Exit code: the driver's (1 on any failed call).
#
#   tools/contract/run.sh default|live
#
#   BIN          our venv's bin (default .venv/bin): provides `convilyn sandbox`
#   VENDOR_BIN   the vendor venv's bin (default .venv-vendor/bin): convilyn==4.1.0 from PyPI
#   CONTRACT_KEY the API key (default a pro key: tier-gated calls such as fork need pro)
set -euo pipefail

PROFILE="${1:?usage: run.sh default|live}"
here="$(cd "$(dirname "$0")" && pwd)"
BIN="${BIN:-.venv/bin}"
VENDOR_BIN="${VENDOR_BIN:-.venv-vendor/bin}"
KEY="${CONTRACT_KEY:-ck_pro_sandbox_contract01}"

work="$(mktemp -d)"
sandbox_pid=""
cleanup() {
    if [ -n "$sandbox_pid" ] && kill -0 "$sandbox_pid" 2>/dev/null; then
        kill -INT "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --self-check: the sandbox validates each of its responses against our spec, so an answer
# the vendor's client accepted but our spec does not describe shows up as a 500 here.
"$BIN/convilyn" sandbox --port 0 --speed 0 --profile "$PROFILE" --self-check --quiet \
    >"$work/url" 2>"$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 1 150); do
    [ -s "$work/url" ] && break
    if ! kill -0 "$sandbox_pid" 2>/dev/null; then
        echo "the sandbox did not start:" >&2
        cat "$work/sandbox.log" >&2
        exit 1
    fi
    sleep 0.1
done
[ -s "$work/url" ] || { echo "the sandbox did not print its URL within 15 s" >&2; exit 1; }
url="$(head -n 1 "$work/url")"

status=0
"$VENDOR_BIN/python" "$here/vendor_drive.py" --base-url "$url" --api-key "$KEY" --profile "$PROFILE" \
    || status=$?
if [ "$status" -ne 0 ] && [ -s "$work/sandbox.log" ]; then
    echo "-- sandbox log ($PROFILE)" >&2
    tail -n 40 "$work/sandbox.log" >&2
fi
exit "$status"
