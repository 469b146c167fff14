"""Generate the synchronous facade (src/convilyn/_sync/) from its async source (src/convilyn/_async/).

    python codegen/unasync_facade.py                # write src/convilyn/_sync
    python codegen/unasync_facade.py --out DIR      # write the twin into DIR (used by generate.py)
    python codegen/unasync_facade.py --check        # fail if src/convilyn/_sync differs

The async code is the one implementation; the sync twin is produced mechanically, as httpcore
does, with unasync's token rules plus the renames below. Source markers:

  * ``# unasync: async-only`` ... ``# unasync: end`` — lines dropped from the sync twin
    (``goals.events()``: a WebSocket stream exists on AsyncConvilyn only);
  * ``# unasync: skip-file`` in a file's first lines — the file has no sync twin.

Never edit the generated files; change the async source and rerun (``make generate``).
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import tokenize_rt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "convilyn" / "_async"
DEST = ROOT / "src" / "convilyn" / "_sync"

# Exact NAME-token renames (on top of unasync's own async → sync table).
RENAMES = {
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "__anext__": "__next__",
    "asynccontextmanager": "contextmanager",
    "AsyncIterable": "Iterable",
    "AsyncIterator": "Iterator",
    "AsyncGenerator": "Generator",
    "AbstractAsyncContextManager": "AbstractContextManager",
    "StopAsyncIteration": "StopIteration",
    "AsyncByteStream": "SyncByteStream",
    "AsyncBaseTransport": "BaseTransport",
    "AsyncHTTPTransport": "HTTPTransport",
    "asyncio_raw": "sync_raw",
    "asyncio_detailed": "sync_detailed",
    "aclose": "close",
    "aread": "read",
    "aiter_bytes": "iter_bytes",
    "aiter_raw": "iter_raw",
    "aiter_lines": "iter_lines",
    "anext": "next",
    "aiter": "iter",
    "async_sleep": "sync_sleep",
    "async_maybe_await": "sync_maybe_await",
    "async_off_loop": "sync_off_loop",
    "async_time_limit": "sync_time_limit",
    "async_http_client": "sync_http_client",
    "AsyncTimeSource": "TimeSource",
    "set_async_httpx_client": "set_httpx_client",
    "get_async_httpx_client": "get_httpx_client",
    "_async": "_sync",
}

# Substring rewrites inside strings and comments (docstrings, messages).
TEXT_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bawait\s+"), ""),
    (re.compile(r"\basync with\b"), "with"),
    (re.compile(r"\basync for\b"), "for"),
    (re.compile(r"\basync def\b"), "def"),
    (re.compile(r"\baclose\(\)"), "close()"),
    (re.compile(r"convilyn\._async\b"), "convilyn._sync"),
    (re.compile(r"\bAsync(?=[A-Z])(?!Client\b|ByteStream\b|BaseTransport\b|HTTPTransport\b)"), ""),
    (re.compile(r"\bhttpx\.AsyncClient\b"), "httpx.Client"),
    (re.compile(r"\bAsyncClient\b"), "Client"),
    (re.compile(r"\bAsyncIterator\b"), "Iterator"),
]

ASYNC_ONLY_START = "# unasync: async-only"
ASYNC_ONLY_END = "# unasync: end"
SKIP_FILE = "# unasync: skip-file"


def rename(name: str) -> str:
    if name in RENAMES:
        return RENAMES[name]
    if len(name) > 5 and name.startswith("Async") and name[5].isupper():
        return name[5:]
    return name


_RENAME_IN_TEXT = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, RENAMES), key=len, reverse=True)) + r")\b"
)


def rewrite_text(text: str) -> str:
    text = _RENAME_IN_TEXT.sub(lambda m: RENAMES[m.group(1)], text)
    for pattern, repl in TEXT_RULES:
        text = pattern.sub(repl, text)
    return text


def rewrite_string(src: str) -> str:
    """A string literal: an identifier-like string (``__all__`` entries) is renamed as a name;
    any other text gets the prose rules."""
    match = re.fullmatch(r"([rbuRBU]{0,2})(['\"])([A-Za-z_][A-Za-z0-9_]*)\2", src)
    if match:
        return f"{match.group(1)}{match.group(2)}{rename(match.group(3))}{match.group(2)}"
    return rewrite_text(src)


def strip_async_only(source: str, path: Path) -> str:
    out: list[str] = []
    skipping = False
    for lineno, line in enumerate(source.splitlines(keepends=True), 1):
        marker = line.strip()
        if marker == ASYNC_ONLY_START:
            if skipping:
                raise SystemExit(f"{path}:{lineno}: nested '{ASYNC_ONLY_START}'")
            skipping = True
            continue
        if marker == ASYNC_ONLY_END:
            if not skipping:
                raise SystemExit(f"{path}:{lineno}: '{ASYNC_ONLY_END}' without a start")
            skipping = False
            continue
        if not skipping:
            out.append(line)
    if skipping:
        raise SystemExit(f"{path}: unterminated '{ASYNC_ONLY_START}'")
    return "".join(out)


def unasync_source(source: str) -> str:
    tokens = tokenize_rt.src_to_tokens(source)
    result: list[tokenize_rt.Token] = []
    skip_ws = False
    for token in tokens:
        if skip_ws:
            skip_ws = False
            if token.name == tokenize_rt.UNIMPORTANT_WS:
                continue
        if token.name == "NAME" and token.src in {"async", "await"}:
            skip_ws = True
            continue
        if token.name == "NAME":
            token = token._replace(src=rename(token.src))
        elif token.name == "STRING":
            token = token._replace(src=rewrite_string(token.src))
        elif token.name == "COMMENT" or token.name.startswith("FSTRING"):
            token = token._replace(src=rewrite_text(token.src))
        result.append(token)
    return str(tokenize_rt.tokens_to_src(result))


def header(rel: Path) -> str:
    return (
        f"# GENERATED by codegen/unasync_facade.py from src/convilyn/_async/{rel.as_posix()}.\n"
        "# Do not edit by hand: change the async source and run `make generate`.\n"
    )


def generate(out: Path) -> list[Path]:
    if out.exists():
        shutil.rmtree(out)
    written: list[Path] = []
    for src in sorted(SRC.rglob("*.py")):
        rel = src.relative_to(SRC)
        source = src.read_text(encoding="utf-8")
        if SKIP_FILE in "".join(source.splitlines(keepends=True)[:5]):
            continue
        text = unasync_source(strip_async_only(source, src))
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(header(rel) + text, encoding="utf-8")
        written.append(target)
    ruff = Path(sys.executable).parent / "ruff"
    if written and ruff.exists():
        common = ["--isolated", "--no-cache", "--target-version", "py311", "--line-length", "100"]
        subprocess.run(
            [str(ruff), "check", str(out), "--fix-only", "--select", "F401", "--quiet", *common],
            check=False,
            capture_output=True,
        )
        subprocess.run(
            [str(ruff), "format", str(out), "--quiet", *common], check=True, capture_output=True
        )
    return written


def differences(fresh: Path, committed: Path) -> list[str]:
    a = {p.relative_to(fresh) for p in fresh.rglob("*.py")}
    b = {p.relative_to(committed) for p in committed.rglob("*.py")} if committed.exists() else set()
    found = [f"{p} ({'missing' if p in a else 'not generated'})" for p in sorted(a ^ b)]
    found += [str(p) for p in sorted(a & b) if not filecmp.cmp(fresh / p, committed / p, False)]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="output directory")
    parser.add_argument("--check", action="store_true", help="fail if _sync/ is out of date")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory(prefix="convilyn-unasync-") as tmp:
            fresh = Path(tmp) / "_sync"
            generate(fresh)
            diff = differences(fresh, DEST)
        if diff:
            print("src/convilyn/_sync is out of date; run `make generate`:", file=sys.stderr)
            for line in diff:
                print(f"  {line}", file=sys.stderr)
            return 1
        print("src/convilyn/_sync is up to date")
        return 0
    generate(args.out or DEST)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
