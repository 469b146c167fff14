// The goal-lane flow end to end with the generated TypeScript client: upload (presign, storage
// POST, confirm), create a goal job from a catalog workflow, answer its slots, confirm, poll the
// light status until terminal, list the artifacts.
import {
  check,
  idempotencyKey,
  type Convilyn,
  type GoalJob,
  type GoalJobStatus,
  type Schemas,
} from "./client";

const TERMINAL = new Set(["completed", "partial", "failed", "cancelled"]);

export interface GoalFlowResult {
  workflowId: string;
  jobSpecId: string;
  status: string;
  artifacts: Schemas["Artifact"][];
}

export async function uploadText(api: Convilyn, fileName: string, text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const presign = check(
    await api.POST("/api/v1/upload/presign", {
      params: { header: { "Idempotency-Key": idempotencyKey() } },
      body: { fileName, fileSize: bytes.byteLength, contentType: "text/plain" },
    }),
    "presignUpload",
  );
  // The storage POST is not an operation of the API: every field first, the file last, no key.
  const form = new FormData();
  for (const [name, value] of Object.entries(presign.fields)) form.append(name, value);
  form.append("file", new Blob([bytes], { type: "text/plain" }), fileName);
  const stored = await fetch(presign.uploadUrl, { method: "POST", body: form });
  if (!stored.ok) throw new Error(`storage upload: HTTP ${stored.status}`);
  const file = check(
    await api.POST("/api/v1/upload/confirm", {
      params: { header: { "Idempotency-Key": idempotencyKey() } },
      body: {
        fileId: presign.fileId,
        fileName,
        fileSize: bytes.byteLength,
        contentType: "text/plain",
        s3Key: presign.s3Key,
      },
    }),
    "confirmUpload",
  );
  return file.fileId;
}

function answerFor(slot: Schemas["PendingSlot"]): unknown {
  if (slot.suggestedValue !== undefined && slot.suggestedValue !== null) return slot.suggestedValue;
  const first = slot.options?.[0];
  if (typeof first === "string") return first;
  if (first && typeof first === "object" && typeof first["value"] === "string") return first["value"];
  return "Written by the TypeScript client end-to-end test.";
}

async function answerPendingSlots(api: Convilyn, job: GoalJob): Promise<void> {
  const answers = job.pendingSlots.map((slot) => ({ slotId: slot.slotId, value: answerFor(slot) }));
  if (answers.length === 0) return;
  check(
    await api.PATCH("/api/v1/jobs/goal/{jobSpecId}/slots", {
      params: { path: { jobSpecId: job.jobSpecId }, header: { "Idempotency-Key": idempotencyKey() } },
      body: { answers, expectedVersion: job.itemVersion ?? undefined },
    }),
    "updateGoalJobSlots",
  );
}

export async function runGoalFlow(
  api: Convilyn,
  options: { pollMs?: number; timeoutMs?: number; workflowId?: string } = {},
): Promise<GoalFlowResult> {
  const catalog = check(await api.GET("/api/v1/workflows/catalog"), "getWorkflowCatalog");
  // A workflow a free key may run that takes plain-text files.
  const workflow = catalog.workflows.find(
    (w) =>
      (options.workflowId === undefined || w.workflowId === options.workflowId) &&
      w.freeTierAllowed !== false &&
      (w.supportedInputFormats == null || w.supportedInputFormats.includes("txt")),
  );
  if (!workflow) throw new Error("getWorkflowCatalog: no workflow takes .txt files on a free key");

  const fileIds: string[] = [];
  for (let i = 1; i <= Math.max(1, workflow.minFileCount ?? 1); i++) {
    fileIds.push(await uploadText(api, `notes-${i}.txt`, `Ada Lovelace, analyst, note ${i}.\n`));
  }
  const created = check(
    await api.POST("/api/v1/jobs/goal", {
      params: { header: { "Idempotency-Key": idempotencyKey() } },
      body: { workflowId: workflow.workflowId, fileIds },
    }),
    "createGoalJob",
  );
  const jobSpecId = created.jobSpecId;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let status: GoalJobStatus["status"] = created.status;
  for (;;) {
    if (TERMINAL.has(status)) break;
    if (Date.now() > deadline) throw new Error(`goal job ${jobSpecId} still ${status} at the deadline`);
    if (status === "slots_pending") {
      const job = check(
        await api.GET("/api/v1/jobs/goal/{jobSpecId}", { params: { path: { jobSpecId } } }),
        "getGoalJob",
      );
      await answerPendingSlots(api, job);
    } else if (status === "ready" || status === "ready_with_preview") {
      check(
        await api.POST("/api/v1/jobs/goal/{jobSpecId}/confirm", {
          params: { path: { jobSpecId }, header: { "Idempotency-Key": idempotencyKey() } },
          body: {},
        }),
        "confirmGoalJob",
      );
    }
    const light = check(
      await api.GET("/api/v1/jobs/goal/{jobSpecId}/status", { params: { path: { jobSpecId } } }),
      "getGoalJobStatus",
    );
    status = light.status;
    if (!TERMINAL.has(status) && status !== "slots_pending" && !status.startsWith("ready")) {
      const wait = options.pollMs ?? light.suggestedPollIntervalMs ?? 2000;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  let artifacts: Schemas["Artifact"][] = [];
  if (status === "completed" || status === "partial") {
    const listed = check(
      await api.GET("/api/v1/jobs/goal/{jobSpecId}/artifacts", { params: { path: { jobSpecId } } }),
      "listGoalJobArtifacts",
    );
    artifacts = listed.artifacts;
  }
  return { workflowId: workflow.workflowId, jobSpecId, status, artifacts };
}
