import { describe, expect, it, vi } from "vitest";
import { guarded, INTERNAL_ERROR_MESSAGE, issuesMessage, readTextWithin } from "./route";

describe("guarded route handlers", () => {
  it("pass answers through", async () => {
    const handler = guarded("GET /x", async (n: number) => Response.json({ n }));
    expect(await (await handler(2)).json()).toEqual({ n: 2 });
  });

  it("turn an exception into a generic 500 and a redacted log line, never the message or stack", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const handler = guarded("GET /x", async () => {
        throw new Error("SQLITE_CORRUPT at /srv/data/safekeep.db with Bearer abcdefghijklmnop");
      });
      const response = await handler();
      expect(response.status).toBe(500);
      expect(response.headers.get("content-type")).toContain("application/json");
      const body = await response.text();
      expect(JSON.parse(body)).toEqual({ error: INTERNAL_ERROR_MESSAGE });
      expect(body).not.toMatch(/SQLITE|safekeep\.db|at /);
      const line = String(stderr.mock.calls[0]![0]);
      expect(JSON.parse(line)).toMatchObject({ level: "error", event: "route.failed", fields: { route: "GET /x" } });
      expect(line).toContain("SQLITE_CORRUPT");
      expect(line).not.toContain("abcdefghijklmnop");
    } finally {
      stderr.mockRestore();
    }
  });
});

describe("readTextWithin", () => {
  const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    new Request("http://127.0.0.1/api/scans", { method: "POST", body, headers, duplex: "half" } as RequestInit);

  it("reads bodies up to the limit", async () => {
    expect(await readTextWithin(post('{"a":1}'), 10)).toBe('{"a":1}');
    expect(await readTextWithin(new Request("http://127.0.0.1/"), 10)).toBe("");
  });

  it("stops at the limit, whether or not the client declared the length", async () => {
    expect(await readTextWithin(post("x".repeat(11)), 10)).toBeUndefined();
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    expect(await readTextWithin(post(endless), 4096)).toBeUndefined();
    expect(pulled).toBeLessThan(10);
  });
});

describe("issuesMessage", () => {
  it("names the path and caps what a client can make it echo", () => {
    expect(issuesMessage([{ path: ["regions", 0], message: "not a region name" }], "body")).toBe(
      "regions.0: not a region name",
    );
    expect(issuesMessage([{ path: [], message: "bad" }], "body")).toBe("body: bad");
    expect(issuesMessage([{ path: [], message: `Unrecognized key: "${"k".repeat(10_000)}"` }], "body").length).toBe(
      500,
    );
  });
});
