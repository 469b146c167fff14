"""``client.builder``: author a workflow in a conversation with the chat Builder.

A session takes turns; a turn whose ``verdict_action`` is ``"register"`` saved the workflow,
and its ``registered_workflow_id`` (a ``uw_`` id) runs with
``goals.run(user_workflow_id=...)``. Authoring needs the Pro plan (``PlanRequiredError``, 402
``TIER_REQUIRED``); the ``discover`` mode does not. The wire is snake_case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from convilyn._async._resource import AsyncResource
from convilyn._bodies import given
from convilyn.lowlevel.api.builder import (
    create_builder_session,
    get_builder_quota,
    get_builder_session,
    list_builder_messages,
    send_builder_message,
)
from convilyn.lowlevel.models import BuilderAttachment as _BuilderAttachment
from convilyn.lowlevel.models import BuilderMode as _BuilderMode
from convilyn.lowlevel.models import CreateBuilderSessionRequest as _CreateBuilderSessionRequest
from convilyn.lowlevel.models import (
    CreateBuilderSessionRequestMode as _CreateBuilderSessionRequestMode,
)
from convilyn.lowlevel.models import SendBuilderMessageRequest as _SendBuilderMessageRequest
from convilyn.lowlevel.types import UNSET, Unset
from convilyn.types import (
    BuilderAttachment,
    BuilderMessageList,
    BuilderQuota,
    BuilderSession,
    BuilderTurn,
)

__all__ = ["AsyncBuilder", "BuilderModeName"]

BuilderModeName = Literal["edit", "from_scratch", "discover"]
_MODES = ("edit", "from_scratch", "discover")
_ATTACHMENT_FIELDS = ("file_id", "file_name", "file_size", "mime_type")


def _session_body(
    builder_mode: str | None,
    target_workflow_id: str | None,
    title: str | None,
    initial_message: str | None,
    locale: str | None,
) -> _CreateBuilderSessionRequest:
    if builder_mode is not None and builder_mode not in _MODES:
        raise ValueError(f"builder_mode must be one of {', '.join(_MODES)}, got {builder_mode!r}")
    if target_workflow_id is not None:
        if not target_workflow_id.strip():
            raise ValueError("target_workflow_id is empty: pass the uw_ id of a workflow of yours")
        if builder_mode not in (None, "edit"):
            raise ValueError(
                f"target_workflow_id edits a workflow: drop builder_mode={builder_mode!r} "
                "or pass builder_mode='edit'"
            )
    return _CreateBuilderSessionRequest(
        mode=_CreateBuilderSessionRequestMode.BUILDER,
        builder_mode=_BuilderMode(builder_mode) if builder_mode is not None else UNSET,
        target_workflow_id=given(target_workflow_id),
        title=given(title),
        initial_message=given(initial_message),
        locale=given(locale),
    )


def _attachment(index: int, item: Mapping[str, Any] | BuilderAttachment) -> _BuilderAttachment:
    data = item.model_dump(exclude_none=True) if isinstance(item, BuilderAttachment) else item
    if not isinstance(data, Mapping):
        raise TypeError(f"attachments[{index}] must be a mapping or BuilderAttachment")
    missing = [name for name in _ATTACHMENT_FIELDS if data.get(name) is None]
    if missing:
        raise ValueError(f"attachments[{index}] lacks {', '.join(missing)}")
    return _BuilderAttachment.from_dict(dict(data))


def _attachments(
    items: Sequence[Mapping[str, Any] | BuilderAttachment] | None,
) -> list[_BuilderAttachment] | Unset:
    if items is None:
        return UNSET
    if isinstance(items, Mapping):
        raise TypeError("attachments= takes a list of attachments, not one")
    return [_attachment(i, item) for i, item in enumerate(items)]


def _chat_id(chat_id: str) -> str:
    if not isinstance(chat_id, str) or not chat_id.strip():
        raise ValueError("chat_id is empty: pass the chat_id of a session from create_session()")
    return chat_id


class AsyncBuilder(AsyncResource):
    """The chat Builder: sessions, turns, the transcript and your turn budget."""

    async def create_session(
        self,
        *,
        builder_mode: BuilderModeName | None = None,
        target_workflow_id: str | None = None,
        title: str | None = None,
        initial_message: str | None = None,
        locale: str | None = None,
    ) -> BuilderSession:
        """Start a Builder session. ``builder_mode``: ``from_scratch`` (a new workflow),
        ``edit`` (change ``target_workflow_id``, one of yours) or ``discover`` (find an
        existing one; no Pro plan needed). ``locale``: the drafts' language (``en`` default).

        Raises ``PlanRequiredError`` (402 ``TIER_REQUIRED``) without the Pro plan, except in
        ``discover``; ``NotFoundError`` for a ``target_workflow_id`` that is not yours.
        """
        body = _session_body(builder_mode, target_workflow_id, title, initial_message, locale)
        pipe = self._pipeline
        response = await pipe.call(create_builder_session.asyncio_raw, body=body)
        return pipe.parse(BuilderSession, response)

    async def send_message(
        self,
        chat_id: str,
        content: str,
        *,
        attachments: Sequence[Mapping[str, Any] | BuilderAttachment] | None = None,
    ) -> BuilderTurn:
        """One turn: send ``content`` and get the Builder's answer and verdict.

        ``turn.verdict_action``: ``"request_input"`` (answer ``turn.pending_slots`` or
        ``turn.clarification_question`` in the next message), ``"stage_draft"`` (a draft is
        ready: say so to register it), ``"register"`` (saved: ``turn.registered_workflow_id``
        runs with ``goals.run(user_workflow_id=...)``). Attachments are
        ``{file_id, file_name, file_size, mime_type}`` of uploaded files.
        """
        if not isinstance(content, str) or not content.strip():
            raise ValueError("content is empty: say something to the Builder")
        body = _SendBuilderMessageRequest(content=content, attachments=_attachments(attachments))
        pipe = self._pipeline
        response = await pipe.call(send_builder_message.asyncio_raw, _chat_id(chat_id), body=body)
        return pipe.parse(BuilderTurn, response)

    async def get_session(self, chat_id: str) -> BuilderSession:
        """The current state of one of your sessions."""
        pipe = self._pipeline
        response = await pipe.call(get_builder_session.asyncio_raw, _chat_id(chat_id))
        return pipe.parse(BuilderSession, response)

    async def messages(
        self, chat_id: str, *, limit: int | None = None, offset: int | None = None
    ) -> BuilderMessageList:
        """One page of a session's transcript, oldest first (``limit`` at least 1, ``offset``
        at least 0; ``result.total`` counts them all)."""
        if limit is not None and (isinstance(limit, bool) or limit < 1):
            raise ValueError(f"limit must be at least 1, got {limit!r}")
        if offset is not None and (isinstance(offset, bool) or offset < 0):
            raise ValueError(f"offset must be at least 0, got {offset!r}")
        params: dict[str, Any] = {}
        if limit is not None:
            params["limit"] = limit
        if offset is not None:
            params["offset"] = offset
        pipe = self._pipeline
        response = await pipe.call(list_builder_messages.asyncio_raw, _chat_id(chat_id), **params)
        return pipe.parse(BuilderMessageList, response)

    async def quota(self) -> BuilderQuota:
        """Your Builder turns used and left in the current window (``retry_after_seconds``:
        when it resets, once none is left)."""
        pipe = self._pipeline
        return pipe.parse(BuilderQuota, await pipe.call(get_builder_quota.asyncio_raw))
