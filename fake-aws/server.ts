/**
 * A local fake AWS endpoint for tests and benchmarks. It speaks the real wire protocols of every
 * call Safekeep makes, routes on the service name in the request signature, and answers from a
 * scenario (an account inventory plus faults). Point any SDK client at it with AWS_ENDPOINT_URL,
 * exactly as a user points it at LocalStack.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { createRateLimiter, faultError, pickFault, seededRandom } from "./faults";
import {
  errorResponse,
  matchPath,
  operationSchema,
  restOperations,
  successResponse,
  type WireResponse,
} from "./protocols";
import { FAKE_SERVICES } from "./services";
import { FakeAwsError, type FakeService, type Scenario } from "./types";

export interface FakeAws {
  url: string;
  port: number;
  /** Calls answered (including faults), per `prefix:Operation`. */
  counts(): Record<string, number>;
  /** Calls refused by the scenario's `rateLimits` (also included in `counts`), per `prefix:Operation`. */
  throttled(): Record<string, number>;
  reset(): void;
  setScenario(scenario: Scenario): void;
  close(): Promise<void>;
}

/** `Credential=AKID/20261124/eu-west-1/elasticache/aws4_request` → region and signing name. */
export function signatureScope(authorization: string | undefined): { region: string; service: string } | undefined {
  const m = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? "");
  return m?.[1] && m[2] ? { region: m[1], service: m[2] } : undefined;
}

type Request = IncomingMessage | Http2ServerRequest;
type Response = ServerResponse | Http2ServerResponse;

/** The first bytes of an HTTP/2 connection without TLS ("prior knowledge", as the Kinesis client sends). */
const HTTP2_PREFACE = "PRI * HTTP/2.0";

function dropConnection(req: Request) {
  if ("stream" in req) req.stream.close(2 /* INTERNAL_ERROR */);
  else req.socket.destroy();
}

async function readBody(req: Request): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

interface Decoded {
  operation?: string;
  params: Record<string, unknown>;
}

function decode(service: FakeService, req: Request, url: URL, body: string): Decoded {
  const { protocol } = service.model;
  if (protocol === "query" || protocol === "ec2") {
    const form = Object.fromEntries(new URLSearchParams(body));
    const { Action, ...params } = form;
    return { operation: Action, params };
  }
  if (protocol === "json") {
    const target = String(req.headers["x-amz-target"] ?? "");
    return { operation: target.split(".").pop(), params: body ? (JSON.parse(body) as Record<string, unknown>) : {} };
  }
  const query = Object.fromEntries(url.searchParams);
  const candidates = restOperations(service.model).filter((op) => op.method === req.method);
  // Prefer the most specific template: longer literal paths and matching query markers first.
  candidates.sort((a, b) => b.path.length - a.path.length);
  for (const op of candidates) {
    const [, queryMarker] = op.path.split("?");
    if (queryMarker && !url.searchParams.has(queryMarker.split("=")[0] ?? "")) continue;
    const pathParams = matchPath(op.path, url.pathname);
    if (!pathParams) continue;
    const json = body && protocol === "rest-json" ? (JSON.parse(body) as Record<string, unknown>) : {};
    return { operation: op.operation, params: { ...query, ...json, ...pathParams } };
  }
  return { params: query };
}

function send(res: Response, wire: WireResponse) {
  res.writeHead(wire.status, { ...wire.headers, "content-length": Buffer.byteLength(wire.body) });
  res.end(wire.body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeAws(initial: Scenario, port = 0): Promise<FakeAws> {
  let scenario = initial;
  let random = seededRandom(scenario.seed ?? 1);
  let counts: Record<string, number> = {};
  let limiter = createRateLimiter(scenario.rateLimits ?? {});

  async function handle(req: Request, res: Response) {
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname === "/__fake/health")
      return send(res, { status: 200, headers: { "content-type": "text/plain" }, body: "ok" });
    if (url.pathname === "/__fake/counts") {
      return send(res, { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(counts) });
    }
    if (url.pathname === "/__fake/throttled") {
      const body = JSON.stringify(limiter.throttled());
      return send(res, { status: 200, headers: { "content-type": "application/json" }, body });
    }
    const requestId = randomUUID();
    const body = await readBody(req);
    const scope = signatureScope(req.headers.authorization);
    const service = scope && FAKE_SERVICES[scope.service];
    if (!scope || !service) {
      return send(res, {
        status: 400,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message: `unsigned request or unknown service ${scope?.service ?? "(none)"}` }),
      });
    }
    let decoded: Decoded;
    try {
      decoded = decode(service, req, url, body);
    } catch {
      return send(
        res,
        errorResponse(
          service.model,
          { code: "SerializationException", message: "Malformed request body", status: 400 },
          requestId,
        ),
      );
    }
    const operation = decoded.operation ?? "";
    const action = `${service.model.actionPrefix}:${operation}`;
    counts[action] = (counts[action] ?? 0) + 1;
    const responder = service.responders[operation];
    if (!responder || !operationSchema(service.model, operation)) {
      const unknown =
        service.model.protocol === "query" || service.model.protocol === "ec2"
          ? {
              code: "InvalidAction",
              message: `The action ${operation || "(none)"} is not valid for this web service.`,
              status: 400,
            }
          : {
              code: "UnknownOperationException",
              message: `Unknown operation ${operation || req.method + " " + url.pathname}`,
              status: 400,
            };
      return send(res, errorResponse(service.model, unknown, requestId));
    }

    // The quota is taken when the request arrives; the refusal still travels back with the latency.
    const admitted = limiter.admit(action, scope.region);
    if (scenario.latencyMs) await sleep(scenario.latencyMs);
    if (!admitted) {
      const { protocol, signingName } = service.model;
      const error = faultError("throttle", protocol, signingName, action, scenario.inventory.account.id);
      return send(res, errorResponse(service.model, error, requestId));
    }
    const fault = pickFault(scenario.faults ?? [], action, scope.region, random);
    if (fault?.kind === "latency") await sleep(fault.latencyMs ?? 1000);
    else if (fault?.kind === "drop-connection") return dropConnection(req);
    else if (fault?.kind === "malformed-body") {
      const wire = successResponse(service.model, operation, {}, requestId);
      return send(res, {
        ...wire,
        body: wire.body.slice(0, Math.max(1, Math.floor(wire.body.length / 2))) + "<<garbage",
      });
    } else if (fault) {
      const error = faultError(
        fault.kind,
        service.model.protocol,
        service.model.signingName,
        action,
        scenario.inventory.account.id,
      );
      return send(res, errorResponse(service.model, error, requestId));
    }

    try {
      const output = responder({ operation, region: scope.region, params: decoded.params, scenario });
      return send(res, successResponse(service.model, operation, output, requestId));
    } catch (error) {
      if (error instanceof FakeAwsError) {
        return send(
          res,
          errorResponse(service.model, { code: error.code, message: error.message, status: error.status }, requestId),
        );
      }
      return send(
        res,
        errorResponse(
          service.model,
          { code: "InternalFailure", message: "fake endpoint error", status: 500 },
          requestId,
        ),
      );
    }
  }

  const onRequest = (req: Request, res: Response) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const http1 = createServer(onRequest);
  const http2 = createHttp2Server(onRequest);
  const sockets = new Set<Socket>();
  // One port for both protocols: the first bytes tell an HTTP/2 client from an HTTP/1.1 one.
  const server = createNetServer({ pauseOnConnect: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.once("readable", () => {
      const head = socket.read(HTTP2_PREFACE.length) as Buffer | null;
      if (head) socket.unshift(head);
      (head?.toString("latin1") === HTTP2_PREFACE ? http2 : http1).emit("connection", socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    counts: () => ({ ...counts }),
    throttled: () => limiter.throttled(),
    reset: () => {
      counts = {};
      random = seededRandom(scenario.seed ?? 1);
      limiter = createRateLimiter(scenario.rateLimits ?? {});
    },
    setScenario: (next) => {
      scenario = next;
      random = seededRandom(next.seed ?? 1);
      limiter = createRateLimiter(next.rateLimits ?? {});
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
