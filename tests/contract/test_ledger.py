"""The ledger accounts for every vendor test, and names only exchanges that exist."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import ledger
from test_contract import ALL

VENDOR_TESTS = Path(__file__).with_name("vendor_tests.txt")


def _vendor_tests() -> list[str]:
    lines = VENDOR_TESTS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_ledger_complete() -> None:
    vendor = _vendor_tests()
    assert len(vendor) == len(set(vendor)), "vendor_tests.txt lists a test twice"
    full = ledger.ledger(ALL)
    assert set(full) == set(vendor), (
        f"not in the ledger: {sorted(set(vendor) - set(full))}; "
        f"not vendor tests: {sorted(set(full) - set(vendor))}"
    )


def test_ledger_entries_are_consistent() -> None:
    ids = Counter(ex.id for ex in ALL)
    assert [i for i, n in ids.items() if n > 1] == [], "exchange ids must be unique"
    cited = {ex.vendor_test for ex in ALL}
    both = cited & set(ledger.NOT_COVERED)
    assert not both, f"covered by an exchange and given a reason: {sorted(both)}"
    assert not set(ledger.ALSO_COVERED) & set(ledger.NOT_COVERED)
    for vendor_test, exchange_ids in ledger.ALSO_COVERED.items():
        missing = [i for i in exchange_ids if i not in ids]
        assert not missing, f"{vendor_test} names unknown exchanges {missing}"
    for vendor_test, reason in ledger.NOT_COVERED.items():
        assert reason.strip(), vendor_test
        assert "\n" not in reason, vendor_test
