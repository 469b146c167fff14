// A typed Convilyn client for TypeScript, as another team would build it from the published spec:
// the types come from openapi-typescript, the calls from openapi-fetch.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "../../build/spec-clients/typescript/convilyn";

export type Schemas = components["schemas"];
export type GoalJob = Schemas["GoalJob"];
export type GoalJobStatus = Schemas["GoalJobStatus"];

export function createConvilyn(baseUrl: string, apiKey: string) {
  const client = createClient<paths>({ baseUrl, headers: { Accept: "application/json" } });
  const auth: Middleware = {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${apiKey}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}

export type Convilyn = ReturnType<typeof createConvilyn>;

/** A fresh Idempotency-Key for one logical mutating call (reuse it on retries of that call). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

/** Throws with the API's error code and message when a call did not succeed. */
export function check<T>(
  result: { data?: T; error?: unknown; response: Response },
  what: string,
): T {
  if (result.data === undefined) {
    const body = result.error as Partial<Schemas["ErrorResponse"]> | undefined;
    throw new Error(
      `${what}: HTTP ${result.response.status} ${body?.code ?? ""} ${body?.message ?? ""}`.trim(),
    );
  }
  return result.data;
}
