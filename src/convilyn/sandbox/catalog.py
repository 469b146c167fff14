"""The sandbox's workflows: curated goal-lane definitions and a seeded community marketplace.

A :class:`WorkflowDef` drives the goal-job state machine (``goals.py``): the slots asked before
execution, the steps (each with a tool, a simulated duration and optionally a mid-execution
checkpoint), the artifacts produced and the credits charged.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

MIB = 1024 * 1024

DOCS = ("pdf", "docx", "txt", "md")


@dataclass(frozen=True)
class SlotDef:
    slot_id: str
    slot_type: str
    question: str
    required: bool = True
    options: tuple[str, ...] | None = None
    is_disambiguation: bool = False
    suggested_value: Any = None
    suggested_confidence: float | None = None

    def summary(self) -> dict[str, Any]:
        """The slot as the catalog and ``slot_needed`` events list it (wire names)."""
        return {
            "slotId": self.slot_id,
            "slotType": self.slot_type,
            "question": self.question,
            "required": self.required,
            "options": list(self.options) if self.options else None,
        }


@dataclass(frozen=True)
class CheckpointDef:
    checkpoint_id: str
    preview: str
    slots: tuple[SlotDef, ...]


@dataclass(frozen=True)
class StepDef:
    name: str
    tool: str
    seconds: float
    text: str
    checkpoint: CheckpointDef | None = None


@dataclass(frozen=True)
class OutputDef:
    file_name: str
    mime_type: str
    artifact_type: str
    description: str
    is_primary: bool = False


@dataclass(frozen=True)
class WorkflowDef:
    workflow_id: str
    name: str
    description: str
    category: str
    icon: str
    input_types: tuple[str, ...]
    input_formats: tuple[str, ...]
    max_input_size_bytes: int
    min_file_count: int
    steps: tuple[StepDef, ...]
    outputs: tuple[OutputDef, ...]
    slots: tuple[SlotDef, ...] = ()
    tier: str = "free"
    free_tier_allowed: bool = True
    credits: int = 5
    preview: str | None = None  # shown as ready_with_preview before the first confirm
    listed: bool = True  # False: internal (free-form goal text)

    @property
    def tools(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.tool for s in self.steps))


TOOL_PRICES_MICRO_U: dict[str, int] = {
    "document_parser": 12_000,
    "requirement_matcher": 30_000,
    "llm_writer": 85_000,
    "style_polisher": 20_000,
    "profile_extractor": 25_000,
    "resume_rewriter": 90_000,
    "summarizer": 40_000,
    "clause_analyzer": 120_000,
    "risk_scorer": 60_000,
    "slide_builder": 70_000,
    "table_reader": 15_000,
    "chart_builder": 45_000,
    "translator": 50_000,
    "transcriber": 110_000,
    "planner": 20_000,
}
DEFAULT_TOOL_PRICE_MICRO_U = 25_000


def _s(slot_id: str, question: str, *options: str, **kw: Any) -> SlotDef:
    return SlotDef(
        slot_id, "choice" if options else "text", question, options=options or None, **kw
    )


CURATED: tuple[WorkflowDef, ...] = (
    WorkflowDef(
        workflow_id="goal_lane.cover_letter",
        name="Cover letter",
        description="Write a tailored cover letter from your resume and a job description.",
        category="career",
        icon="mail",
        input_types=("document",),
        input_formats=DOCS,
        max_input_size_bytes=20 * MIB,
        min_file_count=2,
        steps=(
            StepDef(
                "parsing_inputs",
                "document_parser",
                0.6,
                "Reading the resume and the job description.",
            ),
            StepDef(
                "matching_requirements",
                "requirement_matcher",
                0.8,
                "Matched 7 of 9 requirements to your experience.",
            ),
            StepDef(
                "generating_output",
                "llm_writer",
                1.0,
                "Dear hiring manager, I am excited to apply...",
            ),
            StepDef("polishing", "style_polisher", 0.5, "Tightened the letter to one page."),
        ),
        outputs=(
            OutputDef(
                "cover_letter.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "document",
                "The cover letter, ready to send.",
                True,
            ),
            OutputDef(
                "cover_letter.md", "text/markdown", "document", "The same letter as Markdown."
            ),
        ),
        credits=5,
    ),
    WorkflowDef(
        workflow_id="goal_lane.resume_tailor",
        name="Resume tailor",
        description="Rewrite your resume for a target role; pauses to confirm the detected job titles.",
        category="career",
        icon="user-check",
        input_types=("document",),
        input_formats=DOCS,
        max_input_size_bytes=10 * MIB,
        min_file_count=1,
        slots=(
            _s("target_role", "Which role are you applying for?"),
            _s(
                "tone",
                "Which tone should the resume take?",
                "professional",
                "friendly",
                "bold",
                suggested_value="professional",
                suggested_confidence=0.72,
            ),
        ),
        steps=(
            StepDef(
                "extracting_profile",
                "profile_extractor",
                0.7,
                "Detected roles: Senior Engineer, Tech Lead.",
                CheckpointDef(
                    "profile_review",
                    "Detected roles: Senior Engineer, Tech Lead...",
                    (_s("confirmed_titles", "Which job titles should the resume keep?"),),
                ),
            ),
            StepDef(
                "rewriting", "resume_rewriter", 1.0, "Rewrote 12 bullet points for the target role."
            ),
            StepDef("polishing", "style_polisher", 0.5, "Checked tone and length."),
        ),
        outputs=(
            OutputDef(
                "tailored_resume.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "document",
                "Your tailored resume.",
                True,
            ),
            OutputDef("changes.md", "text/markdown", "report", "What changed and why."),
        ),
        credits=8,
    ),
    WorkflowDef(
        workflow_id="goal_lane.document_summary",
        name="Document summary",
        description="Summarise a document at the length you choose.",
        category="productivity",
        icon="file-text",
        input_types=("document",),
        input_formats=DOCS,
        max_input_size_bytes=50 * MIB,
        min_file_count=1,
        slots=(
            _s(
                "length",
                "How long should the summary be?",
                "short",
                "medium",
                "long",
                suggested_value="medium",
                suggested_confidence=0.8,
            ),
        ),
        steps=(
            StepDef("parsing_inputs", "document_parser", 0.5, "Parsed 14 pages."),
            StepDef("summarizing", "summarizer", 1.0, "The document argues that..."),
        ),
        outputs=(OutputDef("summary.md", "text/markdown", "document", "The summary.", True),),
        credits=3,
    ),
    WorkflowDef(
        workflow_id="goal_lane.contract_review",
        name="Contract review",
        description="Flag risky clauses in a contract for the jurisdiction you pick (Pro).",
        category="legal",
        icon="scale",
        input_types=("document",),
        input_formats=("pdf", "docx"),
        max_input_size_bytes=25 * MIB,
        min_file_count=1,
        slots=(
            _s(
                "jurisdiction",
                "Which jurisdiction governs this contract?",
                "US-NY",
                "US-CA",
                "UK",
                "EU",
                is_disambiguation=True,
                suggested_value="US-NY",
                suggested_confidence=0.55,
            ),
        ),
        steps=(
            StepDef("parsing_inputs", "document_parser", 0.5, "Found 23 clauses."),
            StepDef(
                "analyzing_clauses", "clause_analyzer", 1.2, "Clauses 4, 11 and 19 need attention."
            ),
            StepDef("scoring_risk", "risk_scorer", 0.6, "Overall risk: medium."),
        ),
        outputs=(
            OutputDef("review.pdf", "application/pdf", "report", "Annotated review.", True),
            OutputDef("clauses.json", "application/json", "data", "Clause-by-clause findings."),
        ),
        tier="pro",
        free_tier_allowed=False,
        credits=20,
    ),
    WorkflowDef(
        workflow_id="goal_lane.slide_deck",
        name="Slide deck",
        description="Turn documents into a slide deck for the audience you describe.",
        category="presentation",
        icon="presentation",
        input_types=("document",),
        input_formats=DOCS,
        max_input_size_bytes=30 * MIB,
        min_file_count=1,
        slots=(_s("audience", "Who is the audience?"),),
        steps=(
            StepDef("parsing_inputs", "document_parser", 0.5, "Read the source material."),
            StepDef("outlining", "planner", 0.6, "Outline: 8 slides."),
            StepDef("building_slides", "slide_builder", 1.2, "Built 8 slides with speaker notes."),
        ),
        outputs=(
            OutputDef(
                "deck.pptx",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                "presentation",
                "The deck.",
                True,
            ),
            OutputDef("speaker_notes.md", "text/markdown", "document", "Speaker notes."),
        ),
        credits=10,
    ),
    WorkflowDef(
        workflow_id="goal_lane.data_report",
        name="Data report",
        description="Analyse a spreadsheet and build a report; pauses to let you choose the charts.",
        category="data",
        icon="bar-chart",
        input_types=("spreadsheet",),
        input_formats=("csv", "xlsx"),
        max_input_size_bytes=100 * MIB,
        min_file_count=1,
        steps=(
            StepDef("reading_tables", "table_reader", 0.6, "Read 3 sheets, 12,480 rows."),
            StepDef(
                "choosing_charts",
                "chart_builder",
                0.8,
                "Proposed 4 charts.",
                CheckpointDef(
                    "chart_selection",
                    "Proposed charts: revenue by month, churn by cohort, ARPU trend, top accounts.",
                    (
                        SlotDef(
                            "charts",
                            "multi_choice",
                            "Which charts should the report include?",
                            options=(
                                "revenue_by_month",
                                "churn_by_cohort",
                                "arpu_trend",
                                "top_accounts",
                            ),
                        ),
                    ),
                ),
            ),
            StepDef("writing_report", "llm_writer", 1.0, "Wrote the narrative."),
        ),
        outputs=(
            OutputDef("report.pdf", "application/pdf", "report", "The report.", True),
            OutputDef("charts.csv", "text/csv", "data", "The data behind the charts."),
        ),
        preview="I will read every sheet, propose charts for you to choose, then write a report.",
        credits=12,
    ),
    WorkflowDef(
        workflow_id="goal_lane.translate",
        name="Translate document",
        description="Translate a document, keeping its layout.",
        category="language",
        icon="languages",
        input_types=("document",),
        input_formats=DOCS,
        max_input_size_bytes=40 * MIB,
        min_file_count=1,
        slots=(
            _s("target_language", "Translate into which language?", "de", "fr", "es", "ja", "pt"),
        ),
        steps=(
            StepDef("parsing_inputs", "document_parser", 0.4, "Detected English, 3,200 words."),
            StepDef("translating", "translator", 1.2, "Translated 3,200 words."),
        ),
        outputs=(
            OutputDef(
                "translated.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "document",
                "The translation.",
                True,
            ),
        ),
        credits=6,
    ),
    WorkflowDef(
        workflow_id="goal_lane.meeting_notes",
        name="Meeting notes",
        description="Transcribe a recording and write minutes with action items (Business).",
        category="productivity",
        icon="mic",
        input_types=("audio",),
        input_formats=("mp3", "wav", "m4a"),
        max_input_size_bytes=500 * MIB,
        min_file_count=1,
        steps=(
            StepDef("transcribing", "transcriber", 1.5, "Transcribed 42 minutes."),
            StepDef("writing_minutes", "llm_writer", 0.8, "Wrote minutes with 6 action items."),
        ),
        outputs=(
            OutputDef("minutes.md", "text/markdown", "document", "Minutes and action items.", True),
            OutputDef("transcript.txt", "text/plain", "transcript", "The full transcript."),
        ),
        tier="business",
        free_tier_allowed=False,
        credits=25,
    ),
    # The fixed document-extraction workflow the vendor's goals.extract() runs.
    WorkflowDef(
        workflow_id="goal_lane.personal_document_actions",
        name="Personal document actions",
        description="Read bills, letters and forms and list what each asks of you, as JSON.",
        category="productivity",
        icon="inbox",
        input_types=("document", "image"),
        input_formats=(),
        max_input_size_bytes=50 * MIB,
        min_file_count=1,
        steps=(
            StepDef("reading", "document_parser", 0.5, "Read the documents."),
            StepDef("listing_actions", "llm_writer", 0.5, "Listed what each document asks."),
        ),
        outputs=(
            OutputDef(
                "document_actions.json",
                "application/json",
                "json",
                "Each document, its type and the action it asks for.",
                True,
            ),
        ),
        credits=3,
    ),
)

# Free-form goal text runs through this one (not listed in the catalog).
CUSTOM_GOAL = WorkflowDef(
    workflow_id="goal_lane.custom",
    name="Custom goal",
    description="A free-form goal, planned by the agent.",
    category="custom",
    icon="sparkles",
    input_types=("document", "spreadsheet", "image"),
    input_formats=(),
    max_input_size_bytes=100 * MIB,
    min_file_count=0,
    steps=(
        StepDef("planning", "planner", 0.5, "Planned 3 steps."),
        StepDef("working", "llm_writer", 1.2, "Worked through the plan."),
        StepDef("summarizing", "summarizer", 0.5, "Summarised the result."),
    ),
    outputs=(OutputDef("result.md", "text/markdown", "document", "The result.", True),),
    preview="Plan: understand the goal, work through it step by step, summarise the result.",
    credits=6,
    listed=False,
)

BY_ID: dict[str, WorkflowDef] = {w.workflow_id: w for w in (*CURATED, CUSTOM_GOAL)}


# --- community marketplace ---------------------------------------------------------------

COMMUNITY_SIZE = 64
COMMUNITY_EPOCH = 1_767_225_600.0  # 2026-01-01T00:00:00Z
_ADJ = ("Quick", "Thorough", "Friendly", "Formal", "Concise", "Deep", "Smart", "Simple")
_TAGS = ("career", "writing", "legal", "data", "education", "marketing", "research", "productivity")
_BASES = (
    "goal_lane.cover_letter",
    "goal_lane.resume_tailor",
    "goal_lane.document_summary",
    "goal_lane.slide_deck",
    "goal_lane.data_report",
    "goal_lane.translate",
)


@dataclass
class CommunitySeed:
    workflow_id: str
    spec_id: str
    owner_id: str
    name: str
    description: str
    tags: list[str]
    base: str
    created_at: float
    run_count: int
    fork_count: int
    like_count: int
    extra: dict[str, Any] = field(default_factory=dict)


def community_seeds() -> list[CommunitySeed]:
    """The public workflows every sandbox starts with (always the same)."""
    rng = random.Random(20260101)
    out = []
    for i in range(COMMUNITY_SIZE):
        base = BY_ID[_BASES[i % len(_BASES)]]
        adj = _ADJ[(i * 5) % len(_ADJ)]
        tags = sorted(
            {base.category if base.category in _TAGS else "productivity", rng.choice(_TAGS)}
        )
        out.append(
            CommunitySeed(
                workflow_id=f"wf_{rng.getrandbits(64):016x}",
                spec_id=f"spec_{rng.getrandbits(64):016x}",
                owner_id=f"usr_{rng.getrandbits(48):012x}",
                name=f"{adj} {base.name.lower()} #{i + 1}",
                description=f"A community take on {base.name.lower()}: {base.description}",
                tags=tags,
                base=base.workflow_id,
                created_at=COMMUNITY_EPOCH + i * 3 * 3600 + rng.randrange(3600),
                run_count=rng.randrange(0, 5000),
                fork_count=rng.randrange(0, 300),
                like_count=rng.randrange(0, 900),
            )
        )
    return out
