"""stub."""

from __future__ import annotations

from exchange import Exchange

EXCHANGES: tuple[Exchange, ...] = ()
