"""`make spec-e2e-ts`: the TypeScript client generated from the spec, against a real sandbox.

Starts `convilyn sandbox --port 0 --speed 0 --self-check` (every response validated against the
spec), reads its base URL from the first stdout line, runs the compiled goal flow
(clients/typescript/e2e.ts) under node for each workflow below, and stops the sandbox.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
E2E_JS = ROOT / "build/spec-clients/typescript/js/clients/typescript/e2e.js"
# Two files and no slot asked up front; two slots to fill; one slot.
WORKFLOWS = ["goal_lane.cover_letter", "goal_lane.resume_tailor", "goal_lane.document_summary"]
API_KEY = "ck_free_sandbox_typescript"


def run_flows(base_url: str) -> tuple[int, int]:
    passed = failed = 0
    for workflow in WORKFLOWS:
        started = time.monotonic()
        run = subprocess.run(
            ["node", str(E2E_JS), base_url, API_KEY, workflow],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        seconds = time.monotonic() - started
        result = (run.stdout.splitlines() or [""])[0]
        if run.returncode == 0:
            passed += 1
            print(f"  PASS {workflow} ({seconds:.1f}s): {result}")
        else:
            failed += 1
            print(f"  FAIL {workflow} ({seconds:.1f}s):\n{run.stdout}{run.stderr}")
    return passed, failed


def main() -> int:
    if not E2E_JS.exists():
        print(f"spec-e2e-ts: {E2E_JS} is missing: run tsc -p clients/typescript/tsconfig.e2e.json")
        return 1
    convilyn = Path(sys.executable).parent / "convilyn"
    cmd = [str(convilyn), "sandbox", "--port", "0", "--speed", "0", "--self-check", "--quiet"]
    with tempfile.TemporaryFile(mode="w+") as log:
        sandbox = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, text=True)
        try:
            assert sandbox.stdout is not None
            base_url = sandbox.stdout.readline().strip()
            if not base_url.startswith("http"):
                sandbox.wait(timeout=10)
                log.seek(0)
                print(f"spec-e2e-ts: the sandbox did not start: {base_url!r}\n{log.read()}")
                return 1
            print(f"spec-e2e-ts: sandbox at {base_url}")
            passed, failed = run_flows(base_url)
        finally:
            sandbox.terminate()
            try:
                sandbox.wait(timeout=10)
            except subprocess.TimeoutExpired:
                sandbox.kill()
                sandbox.wait()
    print(f"spec-e2e-ts: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
