/**
 * Sending one payload to one webhook: a POST with a 10-second timeout, tried up to three times with
 * exponential back-off and jitter. Retried: network failures, timeouts, 429 and 5xx (the receiver may
 * recover); not retried: any other 4xx (the request itself is wrong: a revoked or mistyped URL). It
 * never throws, and what it reports never contains the URL: the error is described in words of our
 * own (an HTTP status, "timed out", a network error code), not copied from an exception message that
 * could quote the address.
 */

export interface DeliveryAttemptPolicy {
  attempts: number;
  timeoutMs: number;
  /** The delay before the 2nd attempt; each later one doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_POLICY: DeliveryAttemptPolicy = {
  attempts: 3,
  timeoutMs: 10_000,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
};

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  /** The last HTTP status received, if any. */
  status?: number;
  /** Why the last attempt failed, safe to show and store. */
  error?: string;
}

export interface DeliveryDeps {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter. */
  random?: () => number;
  policy?: Partial<DeliveryAttemptPolicy>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The wait before attempt `attempt + 1` (attempt counts from 1): full jitter over an exponential bound. */
export function backoffDelay(attempt: number, policy: DeliveryAttemptPolicy, random: () => number): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Half fixed, half random: never hammering at once, never waiting longer than the bound.
  return Math.round(bound / 2 + (bound / 2) * random());
}

const retryable = (status: number) => status === 429 || status >= 500;

/** A network failure in words that cannot contain the URL: the system error code when there is one. */
function describeFailure(error: unknown, timedOut: boolean): string {
  if (timedOut) return "timed out";
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === "string" && /^[A-Z_]{2,40}$/.test(cause.code) ? cause.code : undefined;
  return code ? `network error (${code})` : "network error";
}

export async function deliver(
  url: string,
  body: string,
  headers: (attempt: number) => Record<string, string>,
  deps: DeliveryDeps = {},
): Promise<DeliveryResult> {
  const policy = { ...DEFAULT_POLICY, ...deps.policy };
  const send = deps.fetch ?? fetch;
  const wait = deps.sleep ?? sleep;
  const random = deps.random ?? Math.random;
  let last: DeliveryResult = { ok: false, attempts: 0, error: "not sent" };
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, policy.timeoutMs);
    let retry: boolean;
    try {
      const response = await send(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "Safekeep-Notifier/1", ...headers(attempt) },
        body,
        signal: controller.signal,
        redirect: "error",
      });
      // The body is not needed; reading it releases the connection.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true, attempts: attempt, status: response.status };
      last = { ok: false, attempts: attempt, status: response.status, error: `HTTP ${response.status}` };
      retry = retryable(response.status);
    } catch (error) {
      last = { ok: false, attempts: attempt, error: describeFailure(error, timedOut) };
      retry = true;
    } finally {
      clearTimeout(timer);
    }
    if (!retry || attempt === policy.attempts) break;
    await wait(backoffDelay(attempt, policy, random));
  }
  return last;
}
