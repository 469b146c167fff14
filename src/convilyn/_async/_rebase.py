"""The one optimistic-lock write loop: send, and on a stale-version refusal re-read, decide
(``convilyn._rebase``) and send what still applies, a bounded number of times.

Slot answers, confirms and workflow patches are each a small :class:`AsyncRebasedWrite`
(how to send, how to re-read, which decision applies); the loop is written once here.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar

from convilyn._rebase import MAX_REBASE_ATTEMPTS, AlreadyApplied, Decision, Refused, rebase_failed
from convilyn.errors import APIError, VersionConflictError

__all__ = ["AsyncRebasedWrite"]


class _Versioned(Protocol):
    @property
    def item_version(self) -> int | None: ...


Change = TypeVar("Change")
State = TypeVar("State", bound=_Versioned)


class AsyncRebasedWrite(Generic[Change, State]):
    """A conditional write of ``Change`` to a resource whose state is a ``State`` model."""

    what: str  # completes "Could not ...": "answer slots of job_1"

    async def send(self, change: Change, version: int | None) -> State:
        raise NotImplementedError

    async def reread(self) -> State:
        raise NotImplementedError

    def decide(self, change: Change, current: State, based_on: State | None) -> Decision[Change]:
        """What to do now that ``current`` is the state; ``based_on`` is the state the last
        resend was rebased on (None for the caller's own write)."""
        raise NotImplementedError

    def settled_by_state(self, exc: APIError) -> bool:
        """Whether re-reading may show that ``exc`` refused a write that already took effect."""
        return isinstance(exc, VersionConflictError)

    async def write(self, change: Change, version: int | None) -> State:
        based_on: State | None = None
        for attempt in range(MAX_REBASE_ATTEMPTS + 1):
            try:
                return await self.send(change, version)
            except APIError as exc:
                if not self.settled_by_state(exc):
                    raise
                current = await self.reread()
                decision = self.decide(change, current, based_on)
                if isinstance(decision, AlreadyApplied):
                    return current
                if not isinstance(exc, VersionConflictError):
                    raise
                if isinstance(decision, Refused) or attempt == MAX_REBASE_ATTEMPTS:
                    raise rebase_failed(
                        self.what,
                        # out of attempts while the change still applied: it kept changing
                        decision.reason if isinstance(decision, Refused) else None,
                        expected_version=version if version is not None else exc.expected_version,
                        current_version=current.item_version,
                        current=current,
                        cause=exc,
                    ) from exc
                change, version, based_on = decision.change, current.item_version, current
        raise AssertionError("unreachable")  # pragma: no cover
