import { describe, expect, it } from "vitest";
import { createCallStats, recordCall, recordFailedAttempt } from "./call-stats";

describe("call stats recorders", () => {
  it("starts at zero", () => {
    expect(createCallStats()).toEqual({ apiCalls: 0, retries: 0, throttled: 0 });
  });

  it("counts one call per outcome and the attempts beyond the first as retries", () => {
    const stats = createCallStats();
    recordCall(stats, { $metadata: { httpStatusCode: 200, attempts: 1 } });
    recordCall(stats, { $metadata: { httpStatusCode: 200, attempts: 3 } });
    recordCall(stats, Object.assign(new Error("Rate exceeded"), { name: "Throttling", $metadata: { attempts: 8 } }));
    expect(stats).toEqual({ apiCalls: 3, retries: 2 + 7, throttled: 0 });
  });

  it("treats an outcome without attempt metadata as a single attempt", () => {
    const stats = createCallStats();
    recordCall(stats, {});
    recordCall(stats, new Error("getaddrinfo ENOTFOUND"));
    recordCall(stats, undefined);
    recordCall(stats, { $metadata: { attempts: 0 } });
    expect(stats).toEqual({ apiCalls: 4, retries: 0, throttled: 0 });
  });

  it("counts only throttling failures as throttled", () => {
    const stats = createCallStats();
    recordFailedAttempt(stats, Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));
    recordFailedAttempt(stats, Object.assign(new Error("slow down"), { $metadata: { httpStatusCode: 429 } }));
    recordFailedAttempt(stats, Object.assign(new Error("no"), { name: "AccessDeniedException" }));
    expect(stats.throttled).toBe(2);
  });
});
