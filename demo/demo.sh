#!/usr/bin/env bash
# `make demo`: the goal lane and the turbo lane end to end, through the `convilyn` command,
# against a local sandbox started here on a free port and stopped on exit (even on failure).
#
#   BIN         where the `convilyn` script lives (default .venv/bin)
#   DEMO_OUT    where results go (default demo-output)
#   DEMO_SPEED  sandbox pace: 1 = demo speed (a run takes a few seconds), 0 = instant
#   DEMO_PROFILE  sandbox profile: default (the whole spec) or live (as the live service:
#               no seed-only endpoints, Idempotency-Key ignored, no event stream for ck_ keys)
#
# Any failing step stops the demo with a non-zero exit code.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
BIN="${BIN:-.venv/bin}"
CONVILYN="${CONVILYN:-$BIN/convilyn}"
OUT="${DEMO_OUT:-demo-output}"
SPEED="${DEMO_SPEED:-1}"
PROFILE="${DEMO_PROFILE:-default}"

work="$(mktemp -d)"
sandbox_pid=""
cleanup() {
    if [ -n "$sandbox_pid" ] && kill -0 "$sandbox_pid" 2>/dev/null; then
        kill -INT "$sandbox_pid" 2>/dev/null || true
        wait "$sandbox_pid" 2>/dev/null || true
        echo "==> sandbox stopped"
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n==> %s\n' "$*"; }

step "starting the sandbox (speed $SPEED, profile $PROFILE) on a free port"
"$CONVILYN" sandbox --port 0 --speed "$SPEED" --profile "$PROFILE" --quiet \
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

# Credentials for this shell only: any ck_ key works on the sandbox; the config dir is
# private to the demo so a real `convilyn login` is never read or written.
CONVILYN_BASE_URL="$(head -n 1 "$work/url")"
export CONVILYN_BASE_URL
export CONVILYN_API_KEY="ck_pro_sandbox_demo0001"
export CONVILYN_CONFIG_DIR="$work/config"
echo "sandbox at $CONVILYN_BASE_URL"

step "convilyn doctor --ping"
"$CONVILYN" doctor --ping

step "convilyn workflows catalog"
"$CONVILYN" workflows catalog

mkdir -p "$OUT"
step "goal lane: tailor a resume to a job description (2 uploads, 2 slots, 1 checkpoint)"
set -x
"$CONVILYN" goals run --workflow goal_lane.resume_tailor \
    "$here/resume.md" "$here/job_description.md" \
    --slot target_role="Staff Backend Engineer, Payments" \
    --slot tone=professional \
    --slot confirmed_titles='["Tech Lead", "Senior Software Engineer"]' \
    --no-input --wait-timeout 120 -o "$OUT/" --overwrite
{ set +x; } 2>/dev/null
zip="$(ls -t "$OUT"/*.zip | head -n 1)"  # output.zip, or <job>.zip assembled from artifacts
test -s "$zip"
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None and z.namelist(); print(sys.argv[1], "holds", ", ".join(z.namelist()))' "$zip"

step "turbo lane: convert the job description to PDF"
set -x
"$CONVILYN" convert "$here/job_description.md" --to pdf -o "$OUT/" --overwrite --wait-timeout 60
{ set +x; } 2>/dev/null
test -s "$OUT/job_description.pdf"

step "done: results in $OUT/"
ls -l "$OUT"
