import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { holdRequestsUntilGuarded, installHttpGuard } from "./http-guard.mjs";

let server: http.Server;
let port: number;

beforeAll(async () => {
  holdRequestsUntilGuarded();
  server = http.createServer((_request, response) => response.end("app"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("http guard (the preload's hook point)", () => {
  it("holds requests that arrive before the hook, then runs them through it", async () => {
    let answered = false;
    const early = get("/early").then((r) => ((answered = true), r));
    const late = get("/late");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    const seen: string[] = [];
    installHttpGuard({
      request(_server, request, response) {
        seen.push(request.url ?? "");
        if (request.url !== "/early") return false;
        response.statusCode = 418;
        response.end("hook");
        return true;
      },
      connect: (_request, socket) => socket.destroy(),
      clientError: (_error, socket) => socket.destroy(),
    });
    expect(await early).toEqual({ status: 418, body: "hook" });
    expect(await late).toEqual({ status: 200, body: "app" });
    expect(seen.sort()).toEqual(["/early", "/late"]);
    expect(await get("/after")).toEqual({ status: 200, body: "app" });
  });
});
