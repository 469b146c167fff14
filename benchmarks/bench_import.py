"""Cold import in `make bench`: what a program pays before its first call, ours beside the
references, and where the time of our first call goes.

Each statement runs in a fresh interpreter with byte-code (a wheel installed by pip is
compiled; this editable checkout is compiled first, and PYTHONDONTWRITEBYTECODE is dropped:
without it every run would compile our sources again).
"""

from __future__ import annotations

import collections
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR_PYTHON = ROOT / ".venv-vendor" / "bin" / "python"

_CLIENTS = "import convilyn; convilyn.AsyncConvilyn; convilyn.Convilyn"
_BUILT = (
    "import convilyn; convilyn.AsyncConvilyn(api_key='ck_test_bench'); "
    "convilyn.Convilyn(api_key='ck_test_bench')"
)
# One parsed goals.retrieve, answered in-process (no server: only the client's own cost).
_JOB = (
    '{"jobSpecId": "js_1", "status": "ready", "progress": 0, "itemVersion": 3, '
    '"workflowId": "goal_lane.cover_letter", "fileIds": ["file_1"], "pendingSlots": [], '
    '"filledSlots": {}, "pendingInterrupts": [], "createdAt": "2026-12-06T21:49:09Z", '
    '"updatedAt": "2026-12-06T21:49:09Z"}'
)
_FIRST_CALL = (
    "import httpx, convilyn\n"
    f"answer = httpx.Response(200, content={_JOB!r}.encode(), "
    "headers={'content-type': 'application/json'})\n"
    "http = httpx.Client(transport=httpx.MockTransport(lambda request: answer))\n"
    "with convilyn.Convilyn(api_key='ck_test_bench', http_client=http) as client:\n"
    "    client.goals.retrieve('js_1')\n"
)

OURS = {
    "empty": "pass",
    "httpx+pydantic": "import httpx, pydantic",
    "httpx+BaseModel": "import httpx; from pydantic import BaseModel",
    "convilyn": "import convilyn",
    # ``import convilyn`` is lazy: the client classes load on first use.
    "convilyn+clients": _CLIENTS,
    "convilyn+built": _BUILT,
    "convilyn+first call": _FIRST_CALL,
    "convilyn+aiohttp": _CLIENTS + "; import convilyn.aiohttp",
}
VENDOR = {"vendor+clients": _CLIENTS, "vendor+built": _BUILT}


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _median_runs(python: str, statements: dict[str, str], runs: int) -> dict[str, float]:
    env = _environment()
    for stmt in statements.values():  # warm: byte-code written, files in the page cache
        subprocess.run([python, "-c", stmt], check=True, env=env)
    times: dict[str, list[float]] = {name: [] for name in statements}
    for _ in range(runs):
        for name, stmt in statements.items():
            t0 = time.perf_counter()
            subprocess.run([python, "-c", stmt], check=True, env=env)
            times[name].append(time.perf_counter() - t0)
    return {name: statistics.median(values) for name, values in times.items()}


def measure(runs: int) -> dict[str, float]:
    """Median wall time of every statement, ours and (with the contract venv) the vendor's."""
    compileall.compile_dir(ROOT / "src" / "convilyn", quiet=1)
    found = _median_runs(sys.executable, OURS, runs)
    if VENDOR_PYTHON.exists():
        found.update(_median_runs(str(VENDOR_PYTHON), VENDOR, runs))
    return found


def _group(module: str) -> str:
    top = module.split(".")[0]
    if top == "convilyn":
        if module.startswith("convilyn.models"):
            return "convilyn.models (wire models)"
        if module.startswith("convilyn.lowlevel"):
            return "convilyn.lowlevel (generated client)"
        return "convilyn (handwritten)"
    return top


def first_call_breakdown() -> list[tuple[str, float]]:
    """Self import time of the first call's modules beyond ``import httpx, pydantic``, by
    package, largest first (``python -X importtime``)."""

    def self_times(stmt: str) -> dict[str, int]:
        env = _environment()
        subprocess.run([sys.executable, "-c", stmt], check=True, env=env)
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", stmt],
            check=True,
            env=env,
            capture_output=True,
            text=True,
        )
        found: dict[str, int] = {}
        for line in proc.stderr.splitlines():
            if line.startswith("import time:") and "self [us]" not in line:
                own, _, name = line[len("import time:") :].split("|")
                found[name.strip()] = int(own)
        return found

    base = self_times(OURS["httpx+pydantic"])
    totals: collections.Counter[str] = collections.Counter()
    for module, micros in self_times(_FIRST_CALL).items():
        if module not in base:
            totals[_group(module)] += micros
    return [(name, micros / 1e6) for name, micros in totals.most_common(10)]


def section(found: dict[str, float], breakdown: list[tuple[str, float]], runs: int) -> list[str]:
    """The RESULTS.md section."""
    empty, ref = found["empty"], found["httpx+pydantic"]

    def row(label: str, key: str) -> str:
        value = found[key]
        return f"| {label} | {value * 1e3:.0f} ms | {(value - empty) * 1e3:.0f} ms | {value / ref:.2f}x |"

    clients = found["convilyn+clients"] / ref
    lines = [
        "## 2. Cold import time",
        "",
        f"Fresh interpreter per run, {runs} runs each, median wall time of `python -c ...`, with "
        "byte-code (as a wheel installed by pip has it).",
        "",
        "| statement | median | net of interpreter start | vs `import httpx, pydantic` |",
        "| --- | ---: | ---: | ---: |",
        f"| `pass` | {empty * 1e3:.0f} ms | | |",
        row("`import httpx, pydantic`", "httpx+pydantic"),
        row("`import httpx; from pydantic import BaseModel`", "httpx+BaseModel"),
        row("`import convilyn`", "convilyn"),
        row("`import convilyn` + first use of `AsyncConvilyn` / `Convilyn`", "convilyn+clients"),
        row("the same, both clients constructed", "convilyn+built"),
        row(
            "import, construct, one parsed `goals.retrieve` (answered in-process)",
            "convilyn+first call",
        ),
    ]
    if "vendor+clients" in found:
        lines += [
            row(
                "the vendor's 4.1: `import convilyn` + first use of both clients", "vendor+clients"
            ),
            row("the vendor's 4.1: both clients constructed", "vendor+built"),
        ]
    lines += [
        "",
        f"Target: `import convilyn` + first use of both clients <= 1.3x of `import httpx, "
        f"pydantic`: {clients:.2f}x, {'met' if clients <= 1.3 else '**missed**'}.",
        "",
        "Where the first call's import time goes, beyond `import httpx, pydantic` (self time of "
        "the modules it adds, `-X importtime`):",
        "",
        "| package | self time |",
        "| --- | ---: |",
        *(f"| {name} | {seconds * 1e3:.1f} ms |" for name, seconds in breakdown),
        "",
    ]
    return lines
