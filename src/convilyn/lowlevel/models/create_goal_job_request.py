from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.create_goal_job_request_output_format import (
    CreateGoalJobRequestOutputFormat,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_goal_job_request_output_schema import (
        CreateGoalJobRequestOutputSchema,
    )
    from ..models.slot_answer import SlotAnswer


T = TypeVar("T", bound="CreateGoalJobRequest")


@_attrs_define
class CreateGoalJobRequest:
    """Create a goal-lane job. Give exactly one source: `workflowId` (catalog), `userWorkflowId` (your or a forked
    community workflow), `goalText` (free-form goal), `outputSchema` (structured understanding) or `outputFormat`
    (Markdown extraction).

        Attributes:
            file_ids (list[str]): Identifiers of uploaded input files (may be empty for text-only goals).
            workflow_id (str | Unset): Catalog workflow to run (see getWorkflowCatalog).
            user_workflow_id (str | Unset): Your own or forked workflow to run (see getWorkflow).
            goal_text (str | Unset): A free-form goal; the service plans the workflow.
            slot_answers (list[SlotAnswer] | Unset): Answers given up front, so fewer questions are asked.
            llm_config_id (str | Unset): Optional model configuration to run with.
            output_schema (CreateGoalJobRequestOutputSchema | Unset): Structured understanding (goals.understand): a JSON
                Schema the result must fit, in place of a workflow source. One input file per request (400 otherwise). The job
                lands `ready` and runs on confirm; its primary `application/json` artifact fits the schema.
            instructions (str | Unset): With `outputSchema`, a natural-language steer for the extraction.
            output_format (CreateGoalJobRequestOutputFormat | Unset): `markdown` (goals.to_markdown): extract one document,
                image, audio or video file into Markdown, in place of a workflow source (400 for a kind with no pipeline). The
                job lands `ready` and runs on confirm; its primary artifact is `text/markdown`.
    """

    file_ids: list[str]
    workflow_id: str | Unset = UNSET
    user_workflow_id: str | Unset = UNSET
    goal_text: str | Unset = UNSET
    slot_answers: list[SlotAnswer] | Unset = UNSET
    llm_config_id: str | Unset = UNSET
    output_schema: CreateGoalJobRequestOutputSchema | Unset = UNSET
    instructions: str | Unset = UNSET
    output_format: CreateGoalJobRequestOutputFormat | Unset = UNSET

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

        output_schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.output_schema, Unset):
            output_schema = self.output_schema.to_dict()

        instructions = self.instructions

        output_format: str | Unset = UNSET
        if not isinstance(self.output_format, Unset):
            output_format = self.output_format.value

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
        if output_schema is not UNSET:
            field_dict["outputSchema"] = output_schema
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if output_format is not UNSET:
            field_dict["outputFormat"] = output_format

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.create_goal_job_request_output_schema import (
            CreateGoalJobRequestOutputSchema,
        )
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

        _output_schema = d.pop("outputSchema", UNSET)
        output_schema: CreateGoalJobRequestOutputSchema | Unset
        if isinstance(_output_schema, Unset):
            output_schema = UNSET
        else:
            output_schema = CreateGoalJobRequestOutputSchema.from_dict(_output_schema)

        instructions = d.pop("instructions", UNSET)

        _output_format = d.pop("outputFormat", UNSET)
        output_format: CreateGoalJobRequestOutputFormat | Unset
        if isinstance(_output_format, Unset):
            output_format = UNSET
        else:
            output_format = CreateGoalJobRequestOutputFormat(_output_format)

        create_goal_job_request = cls(
            file_ids=file_ids,
            workflow_id=workflow_id,
            user_workflow_id=user_workflow_id,
            goal_text=goal_text,
            slot_answers=slot_answers,
            llm_config_id=llm_config_id,
            output_schema=output_schema,
            instructions=instructions,
            output_format=output_format,
        )

        return create_goal_job_request
