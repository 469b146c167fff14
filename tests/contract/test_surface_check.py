"""The check that 4.1's public names are ours or in README's "Coming from convilyn 4.x" table
(``make contract`` runs it on the pinned 4.1 wheel's surface; here, on made-up ones)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "contract"))

from check_surface import listed, missing  # noqa: E402

TABLE = """\
## Coming from convilyn 4.x

| 4.1 | here | why |
| --- | --- | --- |
| `Convilyn.goals.frobnicate`, `Convilyn(colour=)` | `goals.run` | one way |

## Next
| `Convilyn.files.elsewhere` | | |
"""


def test_names_in_the_first_column_of_the_section_are_listed() -> None:
    assert listed(TABLE) == {"Convilyn.goals.frobnicate", "Convilyn(colour=)"}
    assert listed("no such section") == set()


def test_a_name_neither_ours_nor_listed_is_missing() -> None:
    vendor = [
        "convilyn.Convilyn",  # ours
        "convilyn.NoSuchThing",
        "Convilyn.files.upload",  # ours
        "Convilyn.files.elsewhere",  # in another section's table: not listed
        "Convilyn.goals.frobnicate",  # listed
        "AsyncConvilyn.goals.frobnicate",  # the sync row does not list the async twin
        "Convilyn(timeout=)",  # ours
        "Convilyn(colour=)",  # listed
        "Convilyn(flavour=)",
        "Convilyn.goals.retrieve(job_spec_id=)",  # ours
        "Convilyn.goals.retrieve(job_number=)",
        "GoalJob.status",  # ours
        "GoalJob.no_such_field",
    ]
    assert missing(vendor, TABLE) == [
        "convilyn.NoSuchThing",
        "Convilyn.files.elsewhere",
        "AsyncConvilyn.goals.frobnicate",
        "Convilyn(flavour=)",
        "Convilyn.goals.retrieve(job_number=)",
        "GoalJob.no_such_field",
    ]
