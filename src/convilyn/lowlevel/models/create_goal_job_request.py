from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.slot_answer import SlotAnswer


T = TypeVar("T", bound="CreateGoalJobRequest")


@_attrs_define
class CreateGoalJobRequest:
    """Create a goal-lane job. Give exactly one source: `workflowId` (catalog), `userWorkflowId` (your or a forked
    community workflow) or `goalText` (free-form goal).

        Attributes:
            file_ids (list[str]): Identifiers of uploaded input files (may be empty for text-only goals).
            workflow_id (str | Unset): Catalog workflow to run (see getWorkflowCatalog).
            user_workflow_id (str | Unset): Your own or forked workflow to run (see getWorkflow).
            goal_text (str | Unset): A free-form goal; the service plans the workflow.
            slot_answers (list[SlotAnswer] | Unset): Answers given up front, so fewer questions are asked.
            llm_config_id (str | Unset): Optional model configuration to run with.
    """

    file_ids: list[str]
    workflow_id: str | Unset = UNSET
    user_workflow_id: str | Unset = UNSET
    goal_text: str | Unset = UNSET
    slot_answers: list[SlotAnswer] | Unset = UNSET
    llm_config_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        file_ids = self.file_ids

        workflow_id = self.workflow_id

        user_workflow_id = self.user_workflow_id

        goal_text = self.goal_text

        slot_answers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.slot_answers, Unset):
            slot_answers = []
            for slot_answers_item_data in self.slot_answers:
                slot_answers_item = slot_answers_item_data.to_dict()
                slot_answers.append(slot_answers_item)

        llm_config_id = self.llm_config_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fileIds": file_ids,
            }
        )
        if workflow_id is not UNSET:
            field_dict["workflowId"] = workflow_id
        if user_workflow_id is not UNSET:
            field_dict["userWorkflowId"] = user_workflow_id
        if goal_text is not UNSET:
            field_dict["goalText"] = goal_text
        if slot_answers is not UNSET:
            field_dict["slotAnswers"] = slot_answers
        if llm_config_id is not UNSET:
            field_dict["llmConfigId"] = llm_config_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.slot_answer import SlotAnswer

        d = dict(src_dict)
        file_ids = cast(list[str], d.pop("fileIds"))

        workflow_id = d.pop("workflowId", UNSET)

        user_workflow_id = d.pop("userWorkflowId", UNSET)

        goal_text = d.pop("goalText", UNSET)

        _slot_answers = d.pop("slotAnswers", UNSET)
        slot_answers: list[SlotAnswer] | Unset = UNSET
        if _slot_answers is not UNSET:
            slot_answers = []
            for slot_answers_item_data in _slot_answers:
                slot_answers_item = SlotAnswer.from_dict(slot_answers_item_data)

                slot_answers.append(slot_answers_item)

        llm_config_id = d.pop("llmConfigId", UNSET)

        create_goal_job_request = cls(
            file_ids=file_ids,
            workflow_id=workflow_id,
            user_workflow_id=user_workflow_id,
            goal_text=goal_text,
            slot_answers=slot_answers,
            llm_config_id=llm_config_id,
        )

        return create_goal_job_request
