import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exposureRefusal, listenAddress } from "./exposure";
import { FALLBACK_CSP, installHttpLayer, normalisePeer } from "./http-layer";
import { PEER_HEADER } from "./peer";
import { parseRawResponse, type RawAnswer } from "@/test-support/raw-http";

let server: http.Server;
let port: number;

beforeAll(async () => {
  installHttpLayer();
  // Stands in for Next.js: echoes what reached it; /own-csp sets its CSP as the proxy does.
  server = http.createServer((request, response) => {
    if (request.url === "/own-csp")
      response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'nonce-abc'");
    if (request.url === "/redirect/") {
      response.writeHead(308, { Location: "/redirect" });
      response.end("/redirect");
      return;
    }
    response.setHeader("Content-Type", "application/json");
    response.end(
      JSON.stringify({ url: request.url, peer: request.headers[PEER_HEADER] ?? null, raw: request.rawHeaders }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends bytes as they are (no client library normalises the request line) and reads the answer. */
function raw(request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let data = "";
    socket.on("data", (chunk) => (data += chunk));
    socket.on("error", reject);
    socket.on("close", () => resolve(parseRawResponse(data)));
    socket.write(request);
  });
}

const close = "Host: localhost\r\nConnection: close\r\n\r\n";

function expectBaseline(answer: RawAnswer) {
  expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  expect(answer.headers["x-frame-options"]).toBe("DENY");
  expect(answer.headers["referrer-policy"]).toBe("no-referrer");
  expect(answer.headers["cross-origin-resource-policy"]).toBe("same-origin");
  expect(answer.headers["permissions-policy"]).toContain("camera=()");
}

describe("the HTTP layer", () => {
  it("answers OPTIONS * with a JSON 400 carrying the security headers", async () => {
    const answer = await raw(`OPTIONS * HTTP/1.1\r\n${close}`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error).toMatch(/request-target must be a path/);
    expect(answer.headers["content-security-policy"]).toBe(FALLBACK_CSP);
    expectBaseline(answer);
  });

  it.each(["GET http://evil.example/x HTTP/1.1", "GET https://localhost/api/health HTTP/1.1"])(
    "refuses the absolute-form target of %s (Next.js redirected to it)",
    async (line) => {
      const answer = await raw(`${line}\r\n${close}`);
      expect(answer.status).toBe(400);
      expect(answer.headers["location"]).toBeUndefined();
    },
  );

  it("answers TRACE with a JSON 405 before the application sees it (Next.js answered a bare 500)", async () => {
    const answer = await raw(`TRACE /api/health HTTP/1.1\r\n${close}`);
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.body)).toEqual({ error: "TRACE is not supported." });
    expect(answer.headers["allow"]).toBe("GET, HEAD, OPTIONS, POST");
    expectBaseline(answer);
  });

  it("answers TRACK, which Node's parser does not know, with a 400 that has the headers", async () => {
    const answer = await raw(`TRACK /api/health HTTP/1.1\r\n${close}`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: "Malformed HTTP request." });
    expectBaseline(answer);
  });

  it("answers CONNECT with a 405 instead of dropping the connection", async () => {
    const answer = await raw(`CONNECT localhost:443 HTTP/1.1\r\n${close}`);
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.body)).toEqual({ error: "CONNECT is not supported." });
    expectBaseline(answer);
  });

  it("answers a request Node cannot parse with a 400 that has the headers too", async () => {
    const answer = await raw(`GET localhost:80 HTTP/1.1\r\n${close}`);
    expect(answer.status).toBe(400);
    expectBaseline(answer);
  });

  it("answers an oversized request with 431 and reads the rest of it rather than resetting the connection", async () => {
    // A client still sending when the server refuses must get the answer, not a reset: closing with
    // bytes of the request unread sends an RST, which drops the 431 from a client that has not read it
    // yet (a busy one). This client reads only after it has sent for a while.
    const answers = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<{ text: string; error?: string }>((resolve) => {
            const socket = net.connect(port, "127.0.0.1");
            socket.pause();
            let text = "";
            let error: string | undefined;
            socket.on("data", (chunk) => (text += chunk));
            socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
            socket.on("close", () => resolve({ text, error }));
            socket.write(`GET /?${"A".repeat(20_000)} HTTP/1.1\r\n`);
            const more = setInterval(() => {
              if (!socket.destroyed) socket.write(`X-Padding: ${"b".repeat(3_000)}\r\n`);
            }, 1);
            setTimeout(() => {
              clearInterval(more);
              socket.resume();
              setTimeout(() => socket.end(), 200);
            }, 200);
          }),
      ),
    );
    for (const answer of answers) {
      expect(answer.error).toBeUndefined();
      expect(answer.text).toMatch(/^HTTP\/1\.1 431 /);
    }
  });

  it("answers 431 on a kept-alive connection that has already carried an answer", async () => {
    const { text, error } = await new Promise<{ text: string; error?: string }>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      let text = "";
      let error: string | undefined;
      socket.on("error", (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
      socket.on("close", () => resolve({ text, error }));
      socket.on("data", (chunk) => {
        const first = text === "";
        text += chunk;
        if (first) socket.write(`GET /?${"A".repeat(20_000)} HTTP/1.1\r\n${close}`);
      });
      socket.write("GET /first HTTP/1.1\r\nHost: localhost\r\n\r\n");
    });
    expect(error).toBeUndefined();
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text).toMatch(/\r\n\r\n[^]*HTTP\/1\.1 431 /);
  });

  it("passes paths on, adding the headers the application did not set", async () => {
    const answer = await raw(`GET //a/b?c=1 HTTP/1.1\r\n${close}`);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).url).toBe("//a/b?c=1");
    expect(answer.headers["content-security-policy"]).toBe(FALLBACK_CSP);
    expectBaseline(answer);
    const redirect = await raw(`GET /redirect/ HTTP/1.1\r\n${close}`);
    expect(redirect.status).toBe(308);
    expect(redirect.headers["location"]).toBe("/redirect");
    expectBaseline(redirect);
  });

  it("keeps a CSP the proxy set (with its nonce)", async () => {
    const answer = await raw(`GET /own-csp HTTP/1.1\r\n${close}`);
    expect(answer.headers["content-security-policy"]).toBe("default-src 'self'; script-src 'nonce-abc'");
    expectBaseline(answer);
  });

  it("replaces a client-sent peer header with the TCP peer's address", async () => {
    const answer = await raw(
      `GET /who HTTP/1.1\r\nX-Safekeep-Peer: 203.0.113.9\r\nx-safekeep-peer: 198.51.100.1\r\n${close}`,
    );
    const seen = JSON.parse(answer.body) as { peer: string; raw: string[] };
    expect(seen.peer).toBe("127.0.0.1");
    expect(seen.raw.join(" ")).not.toMatch(/203\.0\.113\.9|198\.51\.100\.1/);
    expect((await raw(`GET /who HTTP/1.1\r\n${close}`)).body).toContain('"peer":"127.0.0.1"');
  });

  it("records the address the server listens on, for the proxy's exposure check", async () => {
    await raw(`GET /who HTTP/1.1\r\n${close}`);
    expect(listenAddress({ HOSTNAME: "0.0.0.0" })).toBe("127.0.0.1");
    expect(exposureRefusal("/", {})).toBeUndefined();
  });
});

describe("normalisePeer", () => {
  it.each([
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["192.0.2.1", "192.0.2.1"],
    ["2001:db8::1", "2001:db8::1"],
    ["::ffff:2001:db8", "::ffff:2001:db8"],
    [undefined, undefined],
  ])("%s → %s", (input, output) => expect(normalisePeer(input)).toBe(output));
});
