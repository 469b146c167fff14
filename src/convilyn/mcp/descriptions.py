"""What each MCP tool tells a model: when to use it, and when not.

A description is the only thing a model reads before choosing a tool; the "when not" half
keeps it from calling a billed tool for work it cannot do, or one that spends when a free
read would answer.
"""

from __future__ import annotations

__all__ = ["DESCRIPTIONS", "INSTRUCTIONS", "TITLES"]

INSTRUCTIONS = """\
Convilyn runs hosted document workflows (cover letters, resume tailoring, summaries, contract
reviews, slide decks, data reports, translations) and conversions on files in the user's
workspace, and extracts fields from documents into a JSON Schema you give (understand). Billed
tools (run_workflow, convert, understand, resume_job) ask the user to approve the cost
first, and a workflow's questions go to the user as forms: never answer them yourself unless
the user already told you the answer. Outputs are written into the workspace; the tools return
their paths, not their contents; understand returns the extracted JSON itself."""

RUN_WORKFLOW = """\
Run a Convilyn catalog workflow on workspace files and save its outputs into the workspace.

When to use: the user wants a document produced from their files by one of the catalog
workflows (see the workflows tool for ids, accepted formats and the questions each asks), e.g.
'tailor my resume for this job', 'summarise this report', 'build a data report from this
sheet'.

When NOT to use: to read, summarise or edit a file you can handle yourself (that costs nothing);
for a plain format conversion (use convert); for given fields out of a document (use
understand); to check on a job you already started (use job_status or resume_job: starting
again bills again).

What happens: the user is asked to approve the upload and the cost first (declining creates
nothing). The workflow's questions, before it runs and at its checkpoints, are shown to the
user as forms; pass `answers` only for what the user already told you. A preview is shown for
approval before execution. Progress is reported while it runs. On success, `files` lists the
paths written (under convilyn-results/<job id>/ unless output_dir is given): read only what the
task needs. If the user declines a question the job is cancelled; if they dismiss it the job
waits, and the result says how to resume it (resume_job).

Example: {"workflow_id": "goal_lane.resume_tailor", "paths": ["resume.md"]}"""

CONVERT = """\
Convert one workspace file on Convilyn's hosted service (documents, images, media; e.g. docx
to pdf, pdf to docx, png to webp, mp4 to mp3) and save the result in the workspace.

When to use: the user asks for a file in another format and you cannot produce it locally.

When NOT to use: to read a text file (.md, .txt, .csv, source code: read it directly); for
anything a workflow does (summaries, rewrites: use run_workflow); for given fields out of a
document as JSON (use understand).

The user approves the upload first; the result's path is returned (beside the input unless
output_dir is given), not its contents. An existing file is never overwritten.

Example: {"path": "report.docx", "to": "pdf"}"""

UNDERSTAND = """\
Extract structured data from a workspace document into a JSON Schema you supply, on Convilyn's
hosted service (grounded against the document), and return the parsed JSON.

When to use: the user wants specific fields out of a document, shaped and checked: an
invoice's total and date, a contract's parties, a spec sheet's ratings, a CV's employers.

When NOT to use: for a plain format conversion or a document's text (use convert, e.g. to
'md'; or read a text file yourself, free); for a whole document workflow such as a summary, a
tailored resume or a report (use run_workflow).

What happens: `schema` must be a JSON Schema object (a non-object is refused before anything is
sent). The user is asked to approve the upload and the cost first (declining creates nothing).
The service takes one file per call today. The result is `result`, the JSON fitting the schema;
nothing is written into the workspace. A refusal says what to do: the service does not serve
the request (nothing ran), or the finished job's JSON was unusable (`reason`).

Example: {"paths": ["invoice.pdf"], "schema": {"type": "object", "properties": {"total":
{"type": "number"}}}, "instructions": "the total is the figure after tax"}"""

WORKFLOWS = """\
List Convilyn's catalog workflows (runnable with run_workflow) and search the community
marketplace. Free: spends nothing.

When to use: before run_workflow, to pick a workflow id and learn the inputs it accepts, the
plan it needs and the questions it will ask; when the user asks what Convilyn can do.

When NOT to use: to check a running job (use job_status).

Example: {"query": "resume", "source": "catalog"}"""

JOB_STATUS = """\
Read where a Convilyn goal job stands: status, progress, the questions it waits for, its
preview, and its outputs once finished. Free, changes nothing.

When to use: the user asks about a job started earlier (its id is in an earlier result), or
before resume_job to see what it will ask.

When NOT to use: to start work (use run_workflow); to fetch outputs (resume_job downloads
them).

Example: {"job_spec_id": "js_0123abcd"}"""

RESUME_JOB = """\
Continue a Convilyn goal job by id: answer the questions it waits for (from `answers`, else the
user is asked), approve its preview or confirmation (the user is asked), wait for it, and save
its outputs into the workspace.

When to use: a run_workflow result said the job is waiting or still running; the user wants to
pick up a job later; a finished job's outputs should be downloaded again.

When NOT to use: for a cancelled or failed job (start again with run_workflow); to just look
(use job_status).

Example: {"job_spec_id": "js_0123abcd", "answers": {"target_role": "Staff Engineer"}}"""

ACCOUNT = """\
Show the Convilyn account: its plan, credit balance, the service's cost estimate for a run,
and (with workflow_id) whether the plan allows that workflow. Free: spends nothing.

When to use: the user asks what they can afford or which plan they are on; before suggesting a
workflow that may need a higher plan.

When NOT to use: as a routine step before every run (run_workflow shows the cost when it asks
for approval). The estimate is the service's generic figure for an agent run, not a quote for a
particular workflow: never promise a price from it.

Example: {"workflow_id": "goal_lane.contract_review"}"""

DESCRIPTIONS = {
    "run_workflow": RUN_WORKFLOW,
    "convert": CONVERT,
    "understand": UNDERSTAND,
    "workflows": WORKFLOWS,
    "job_status": JOB_STATUS,
    "resume_job": RESUME_JOB,
    "account": ACCOUNT,
}

TITLES = {
    "run_workflow": "Run a Convilyn workflow (uploads files, spends credits)",
    "convert": "Convert a file on Convilyn (uploads the file)",
    "understand": "Extract structured data into a JSON Schema (uploads, spends credits)",
    "workflows": "List Convilyn workflows",
    "job_status": "Read a Convilyn job's status",
    "resume_job": "Continue a Convilyn job (may spend credits)",
    "account": "Show the Convilyn plan and balance",
}
