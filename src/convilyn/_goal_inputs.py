"""Whether inputs suit a catalog workflow, checked before anything is uploaded (pure).

The catalog says what a workflow takes (``minFileCount``, ``supportedInputFormats``,
``maxInputSizeBytes``); the service refuses the rest only once the files are uploaded, so
``goals.check_inputs`` asks here first. What the catalog leaves unsaid is not checked.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from convilyn._formats import detect_format, normalize_format
from convilyn.errors import UnsuitableInputError
from convilyn.types import CatalogWorkflow

__all__ = [
    "InputFile",
    "check_slot_keys",
    "check_workflow_inputs",
    "needs_plan_check",
    "plan_needed",
]

TIERS = ("free", "pro", "business", "enterprise")  # each plan may run what those before it may


@dataclass(frozen=True)
class InputFile:
    """One input as far as it is known: a local file's name and size, or a stored file's id
    (``name`` is then ``None``, and only counts)."""

    name: str | None
    size: int | None = None


def check_workflow_inputs(entry: CatalogWorkflow, files: Sequence[InputFile]) -> None:
    """``UnsuitableInputError`` naming the first input the workflow would refuse."""
    workflow_id = entry.workflow_id
    where = f"see what {workflow_id} accepts in workflows.catalog()"
    if entry.min_file_count and len(files) < entry.min_file_count:
        raise UnsuitableInputError(
            f"{workflow_id} needs at least {entry.min_file_count} files, got {len(files)} ({where})",
            workflow_id=workflow_id,
        )
    formats = [normalize_format(f) for f in entry.supported_input_formats or []]
    for file in files:
        if formats and file.name is not None and detect_format(file.name) not in formats:
            raise UnsuitableInputError(
                f"{file.name}: {workflow_id} accepts {', '.join(formats)} ({where})",
                workflow_id=workflow_id,
            )
    total = sum(f.size for f in files if f.size is not None)
    limit = entry.max_input_size_bytes
    if limit and total > limit:
        names = ", ".join(f.name for f in files if f.name is not None)
        raise UnsuitableInputError(
            f"{names}: {total} bytes in all; {workflow_id} accepts at most {limit} bytes ({where})",
            workflow_id=workflow_id,
        )


def plan_needed(entry: CatalogWorkflow, tier: str) -> str | None:
    """The plan ``entry`` needs when a key on ``tier`` may not run it, else ``None``."""
    needed = (entry.tier or "free").lower()
    if needed == "free" and entry.free_tier_allowed is False:
        needed = "pro"
    rank = {name: index for index, name in enumerate(TIERS)}
    return needed if rank.get(tier.lower(), 0) < rank.get(needed, 0) else None


def needs_plan_check(entry: CatalogWorkflow) -> bool:
    """Whether the key's plan decides if it may run ``entry`` (free plans may run the rest)."""
    return plan_needed(entry, "free") is not None


def check_slot_keys(entry: CatalogWorkflow, keys: Iterable[str]) -> None:
    """``UnsuitableInputError`` for an answer whose key is a near miss of a question the
    workflow asks (``lenght`` for ``length``): a typo would otherwise go unasked, silently.
    A key like no listed question may be a checkpoint's, which the catalog does not list."""
    asked = [slot.slot_id for slot in entry.required_slots or ()]
    for key in keys:
        if key in asked:
            continue
        close = difflib.get_close_matches(key, asked, n=1, cutoff=0.75)
        if close:
            raise UnsuitableInputError(
                f"answer {key!r}: {entry.workflow_id} asks no such question; did you mean "
                f"{close[0]!r}? (it asks {', '.join(asked)})",
                workflow_id=entry.workflow_id,
            )
