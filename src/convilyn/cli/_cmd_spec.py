"""``convilyn spec``: the OpenAPI document shipped inside the package."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

from ._app import Commands, Context
from ._exit import UsageError


def register(commands: Commands) -> None:
    p = commands.command(
        "spec",
        "print or write the OpenAPI document of the v1 API shipped with this package",
        _spec,
        description=(
            "Print the OpenAPI 3.1 document this SDK was generated from (YAML), or write it\n"
            "with -o. With --json: the document as JSON, or with -o, what was written."
        ),
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write it to FILE instead of stdout")
    p.add_argument("--overwrite", action="store_true", help="replace an existing FILE")


def spec_bytes() -> bytes:
    return resources.files("convilyn").joinpath("openapi.yaml").read_bytes()


def _spec(ctx: Context) -> int:
    ctx.action = "read the packaged OpenAPI document"
    data = spec_bytes()
    if ctx.args.output:
        target = Path(ctx.args.output)
        ctx.action = f"write {target}"
        if target.exists() and not ctx.args.overwrite:
            raise UsageError(f"{target} already exists", hint="pass --overwrite")
        target.write_bytes(data)
        document = {
            "path": str(target),
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        ctx.out.result(document, lambda: ctx.out.line(f"wrote {target} ({len(data)} bytes)"))
        return 0
    if ctx.out.json_mode:
        try:
            import yaml
        except ImportError:
            raise UsageError(
                "--json needs PyYAML to read the document",
                hint="pip install 'convilyn[sandbox]', or drop --json for the YAML",
            ) from None
        ctx.out.print_json(yaml.safe_load(data))
        return 0
    ctx.out.raw(data.decode("utf-8"))
    return 0
