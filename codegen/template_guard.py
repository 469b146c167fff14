"""Fail when a stock openapi-python-client template that we forked changed upstream.

overrides/templates/ holds forks of some stock templates. openapi-python-client loads a fork
instead of the stock file of the same name, so after a generator upgrade the fork silently
drops whatever upstream changed in that template. overrides/templates.lock records the sha256
of each stock template as it was when we forked it; this guard compares it with the installed
generator's templates.

    python codegen/template_guard.py            check (exit 1 with a message on any drift)
    python codegen/template_guard.py --update   rewrite the lock after a deliberate re-sync
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORKS = ROOT / "overrides" / "templates"
LOCK = ROOT / "overrides" / "templates.lock"
GENERATOR = "openapi-python-client"


def stock_templates() -> Path:
    spec = importlib.util.find_spec("openapi_python_client")
    if spec is None or spec.origin is None:
        sys.exit(f"template guard: {GENERATOR} is not installed in {sys.executable}")
    return Path(spec.origin).parent / "templates"


def generator_version() -> str:
    return importlib.metadata.version(GENERATOR)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def forked_names() -> list[str]:
    """Paths of our forks relative to overrides/templates/, e.g. 'client.py.jinja'."""
    return sorted(p.relative_to(FORKS).as_posix() for p in FORKS.rglob("*.jinja"))


def read_lock() -> tuple[str, dict[str, str]]:
    """(generator version the lock was written for, {template name: sha256 of the stock file})."""
    version, hashes = "unknown", {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("# generator:"):
            version = line.split(":", 1)[1].strip()
        elif line and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            hashes[name] = digest
    return version, hashes


def write_lock() -> None:
    stock = stock_templates()
    missing = [name for name in forked_names() if not (stock / name).is_file()]
    if missing:
        sys.exit(f"template guard: no stock template to pin for {', '.join(missing)} in {stock}")
    lines = [
        "# sha256 of each stock openapi-python-client template forked in overrides/templates/,",
        "# as it was when the fork was last synced. Checked by codegen/template_guard.py; rewrite",
        "# with `python codegen/template_guard.py --update` only after re-syncing the forks.",
        f"# generator: {GENERATOR} {generator_version()}",
    ]
    lines += [f"{sha256(stock / name)}  {name}" for name in forked_names()]
    LOCK.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"template guard: wrote {LOCK.relative_to(ROOT)} ({len(forked_names())} templates)")


def check() -> list[str]:
    """Every problem found, as a message each; empty when the forks are in sync."""
    if not LOCK.is_file():
        return [
            f"{LOCK.relative_to(ROOT)} is missing: run `python codegen/template_guard.py --update`"
        ]
    stock = stock_templates()
    locked_version, locked = read_lock()
    installed = f"{GENERATOR} {generator_version()}"
    problems = []
    for name in forked_names():
        if name not in locked:
            problems.append(
                f"{name}: forked but not in the lock; pin its stock version with --update"
            )
    for name, digest in sorted(locked.items()):
        if not (FORKS / name).is_file():
            problems.append(f"{name}: in the lock but no longer forked; drop it with --update")
        elif not (stock / name).is_file():
            problems.append(
                f"{name}: the stock template no longer exists in {installed} ({stock}); "
                "upstream renamed or removed it, so our fork is no longer used"
            )
        elif sha256(stock / name) != digest:
            problems.append(
                f"{name}: the stock template changed upstream (lock: {locked_version}, "
                f"installed: {installed}). Compare {stock / name} with "
                f"overrides/templates/{name}, port the upstream change into the fork, "
                "then run --update"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--update", action="store_true", help="rewrite the lock from the installed generator"
    )
    args = parser.parse_args(argv)
    if args.update:
        write_lock()
        return 0
    problems = check()
    if problems:
        print("template guard: forked templates out of sync with the generator:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(
        f"template guard: {len(forked_names())} forked templates match their pinned stock version"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
