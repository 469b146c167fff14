// `make spec-e2e-ts`: run the goal flow with the generated TypeScript client against a sandbox.
// Usage: node build/spec-clients/typescript/js/clients/typescript/e2e.js <baseUrl> [apiKey] [workflowId]
import { createConvilyn } from "./client";
import { runGoalFlow } from "./goal-flow";

declare const process: { argv: string[]; exitCode?: number };

async function main(): Promise<void> {
  const [baseUrl, apiKey = "ck_free_sandbox_typescript", workflowId] = process.argv.slice(2);
  if (!baseUrl) throw new Error("usage: e2e.js <baseUrl> [apiKey] [workflowId]");
  const api = createConvilyn(baseUrl, apiKey);
  const health = await api.GET("/api/v1/health", {});
  if (!health.response.ok) throw new Error(`getHealth: HTTP ${health.response.status}`);
  const result = await runGoalFlow(api, { pollMs: 50, timeoutMs: 60_000, workflowId });
  console.log(JSON.stringify({ ...result, artifacts: result.artifacts.map((a) => a.fileName) }));
  if (result.status !== "completed" || result.artifacts.length === 0) {
    throw new Error(`goal job ended ${result.status} with ${result.artifacts.length} artifact(s)`);
  }
  console.log("1 passed, 0 failed");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.log("0 passed, 1 failed");
  process.exitCode = 1;
});
