/**
 * What every route handler answers when things go wrong: a JSON `{ error }` with a message written for
 * the user, never a stack trace, an exception message or a secret. Unexpected errors are logged in
 * full (redacted, lib/log.ts) and answered with a generic 500.
 */
import { unstable_rethrow } from "next/navigation";
import { log } from "@/lib/log";

export const NO_STORE = { "Cache-Control": "no-store" } as const;
export const INTERNAL_ERROR_MESSAGE = "Internal error; the server log has the details.";
/** zod quotes unrecognised keys back, and a client may send a very long one. */
const MAX_MESSAGE_LENGTH = 500;

export function problem(status: number, error: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, ...extra }, { status, headers: NO_STORE });
}

/** Validation problems as one capped line: `path: message; …`, `subject` standing for the root. */
export function issuesMessage(issues: readonly { path: readonly PropertyKey[]; message: string }[], subject: string) {
  const message = issues.map((i) => `${i.path.map(String).join(".") || subject}: ${i.message}`).join("; ");
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
}

/** Wraps a route handler so that an exception becomes a logged, generic 500. */
export function guarded<Args extends unknown[]>(
  route: string,
  handler: (...args: Args) => Response | Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args: Args) => {
    try {
      return await handler(...args);
    } catch (error) {
      // notFound(), redirect() and dynamic-rendering bail-outs are control flow, not failures.
      unstable_rethrow(error);
      log.error("route.failed", { route, error });
      return problem(500, INTERNAL_ERROR_MESSAGE);
    }
  };
}

/**
 * The request body as text, or undefined when it is longer than `maxBytes`: reading stops at the
 * limit instead of buffering whatever a client sends.
 */
export async function readTextWithin(request: Request, maxBytes: number): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
