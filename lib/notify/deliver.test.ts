import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_POLICY, deliver } from "./deliver";

const URL_WITH_TOKEN = "https://hooks.example.com/services/T000/B000/tokenTOKENtoken";

/** A fetch that answers from a script: a status, or an error to throw. */
function scripted(answers: (number | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift() ?? 200;
    if (next instanceof Error) throw next;
    return new Response("ok", { status: next });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

function recordSleeps() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

const networkError = (code: string) =>
  Object.assign(new TypeError(`fetch failed for ${URL_WITH_TOKEN}`), { cause: { code } });

describe("deliver", () => {
  it("sends once when the receiver accepts", async () => {
    const { fetch, calls } = scripted([202]);
    const { sleep, waits } = recordSleeps();
    const result = await deliver(URL_WITH_TOKEN, '{"a":1}', () => ({ "X-Test": "1" }), { fetch, sleep });
    expect(result).toEqual({ ok: true, attempts: 1, status: 202 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init).toMatchObject({ method: "POST", body: '{"a":1}', redirect: "error" });
    expect(calls[0]!.init.headers).toMatchObject({ "content-type": "application/json", "X-Test": "1" });
    expect(waits).toEqual([]);
  });

  it.each([
    ["503 then 200", [503, 200], { ok: true, attempts: 2, status: 200 }, 1],
    ["429, 502, then 200", [429, 502, 200], { ok: true, attempts: 3, status: 200 }, 2],
    ["503 three times", [503, 503, 503], { ok: false, attempts: 3, status: 503, error: "HTTP 503" }, 2],
    ["a refused connection, then 200", [networkError("ECONNREFUSED"), 200], { ok: true, attempts: 2, status: 200 }, 1],
  ] as const)("retries %s", async (_, answers, expected, sleeps) => {
    const { fetch, calls } = scripted([...answers]);
    const { sleep, waits } = recordSleeps();
    expect(await deliver(URL_WITH_TOKEN, "{}", () => ({}), { fetch, sleep, random: () => 0.5 })).toEqual(expected);
    expect(calls).toHaveLength(expected.attempts);
    expect(waits).toHaveLength(sleeps);
  });

  it.each([400, 401, 403, 404, 410])("does not retry HTTP %i: the request itself is wrong", async (status) => {
    const { fetch, calls } = scripted([status, 200]);
    const { sleep } = recordSleeps();
    expect(await deliver(URL_WITH_TOKEN, "{}", () => ({}), { fetch, sleep })).toEqual({
      ok: false,
      attempts: 1,
      status,
      error: `HTTP ${status}`,
    });
    expect(calls).toHaveLength(1);
  });

  it("asks for fresh headers on each attempt (a signature's timestamp stays current)", async () => {
    const { fetch, calls } = scripted([500, 200]);
    const seen: number[] = [];
    await deliver(URL_WITH_TOKEN, "{}", (attempt) => (seen.push(attempt), { "X-Attempt": String(attempt) }), {
      fetch,
      sleep: async () => undefined,
    });
    expect(seen).toEqual([1, 2]);
    expect(calls.map((c) => (c.init.headers as Record<string, string>)["X-Attempt"])).toEqual(["1", "2"]);
  });

  it("reports a network failure by its code, never with the message that quotes the URL", async () => {
    const { fetch } = scripted([networkError("ECONNREFUSED"), networkError("ECONNREFUSED"), networkError("ENOTFOUND")]);
    const result = await deliver(URL_WITH_TOKEN, "{}", () => ({}), { fetch, sleep: async () => undefined });
    expect(result).toEqual({ ok: false, attempts: 3, error: "network error (ENOTFOUND)" });
    expect(JSON.stringify(result)).not.toContain("token");
  });

  it("gives up on an attempt that takes longer than the timeout, and says so", async () => {
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise((_, reject) =>
        init.signal!.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      )) as unknown as typeof fetch;
    const result = await deliver(URL_WITH_TOKEN, "{}", () => ({}), {
      fetch: hanging,
      sleep: async () => undefined,
      policy: { timeoutMs: 20, attempts: 2 },
    });
    expect(result).toEqual({ ok: false, attempts: 2, error: "timed out" });
  });
});

describe("backoffDelay", () => {
  it("doubles its bound each attempt, with jitter between half and all of it, capped", () => {
    const policy = { ...DEFAULT_POLICY, baseDelayMs: 1000, maxDelayMs: 3000 };
    expect([1, 2, 3].map((a) => backoffDelay(a, policy, () => 0))).toEqual([500, 1000, 1500]);
    expect([1, 2, 3].map((a) => backoffDelay(a, policy, () => 0.999999))).toEqual([1000, 2000, 3000]);
  });
});
