import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "./http-guard.mjs";

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((_request, response) => response.end("app"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(method: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method, path: "/api/health" }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("http guard", () => {
  it("answers TRACE with a JSON 405 before the application sees it", async () => {
    const answer = await send("TRACE");
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.body)).toEqual({ error: "TRACE is not supported." });
  });

  it("passes every other method on", async () => {
    for (const method of ["GET", "POST", "PUT", "OPTIONS"])
      expect(await send(method)).toEqual({ status: 200, body: "app" });
  });
});
