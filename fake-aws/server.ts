/**
 * A local fake AWS endpoint for tests and benchmarks. It speaks the real wire protocols of every
 * call Safekeep makes, routes on the service name in the request signature, and answers from a
 * scenario (an account inventory plus faults). Point any SDK client at it with AWS_ENDPOINT_URL,
 * exactly as a user points it at LocalStack.
 *
 * A scenario may also be an AWS Organization: then the access key that signed a request picks the
 * account that answers it (the base key is the management account, keys from the fake's
 * sts:AssumeRole are the member whose role was assumed), and every account keeps its own
 * inventory, rate-limit buckets and counters.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { createRateLimiter, faultError, pickFault, seededRandom, type RateLimiter } from "./faults";
import {
  accountScenario,
  authenticate,
  baseCaller,
  credentialsError,
  DEFAULT_BASE_CREDENTIALS,
  organizationState,
  validateOrganization,
} from "./organization";
import {
  errorResponse,
  matchPath,
  operationSchema,
  restOperations,
  successResponse,
  type WireResponse,
} from "./protocols";
import { FAKE_SERVICES } from "./services";
import {
  FakeAwsError,
  isOrganizationScenario,
  type AnyScenario,
  type Caller,
  type FakeService,
  type OrganizationState,
  type Scenario,
  type Session,
} from "./types";

export interface FakeAws {
  url: string;
  port: number;
  /** Calls answered (including faults), per `prefix:Operation`: of one account, or of all summed. */
  counts(accountId?: string): Record<string, number>;
  /** Calls refused by the `rateLimits` (also included in `counts`), per `prefix:Operation`, as `counts`. */
  throttled(accountId?: string): Record<string, number>;
  /** The accounts served, the management account first in an organization. */
  accounts(): string[];
  /**
   * Credentials to sign with: the management account's in an organization (any others are refused
   * there); for a single account any key works, and these are the usual dummies.
   */
  credentials(): { accessKeyId: string; secretAccessKey: string };
  /** Empties the counters and refills every bucket; issued sessions stay valid. */
  reset(): void;
  /** Serves another scenario; sessions issued before stay valid for accounts it still has. */
  setScenario(scenario: AnyScenario): void;
  close(): Promise<void>;
}

export interface FakeAwsOptions {
  /** The clock sessions expire by, epoch milliseconds (tests move it instead of waiting an hour). */
  now?: () => number;
}

/**
 * The credential of a SigV4 request (`Credential=AKID/20261124/eu-west-1/elasticache/aws4_request`):
 * the access key picks the account, the Region and signing name the service. It travels in the
 * Authorization header, or in the `X-Amz-Credential` query parameter of a presigned URL.
 */
export function requestCredential(
  authorization: string | undefined,
  url: URL,
): { accessKeyId: string; region: string; service: string } | undefined {
  const header = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? "");
  const query = /^([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request$/.exec(url.searchParams.get("X-Amz-Credential") ?? "");
  const m = header ?? query;
  return m?.[1] && m[2] && m[3] ? { accessKeyId: m[1], region: m[2], service: m[3] } : undefined;
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

/** One account the endpoint serves: its scenario, its own token buckets, counters and fault dice. */
interface AccountContext {
  scenario: Scenario;
  limiter: RateLimiter;
  counts: Record<string, number>;
  random: () => number;
}

function accountContext(scenario: Scenario): AccountContext {
  return {
    scenario,
    limiter: createRateLimiter(scenario.rateLimits ?? {}),
    counts: {},
    random: seededRandom(scenario.seed ?? 1),
  };
}

interface Served {
  accounts: Map<string, AccountContext>;
  organization?: OrganizationState;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

function sumRecords(records: Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const record of records) for (const [key, n] of Object.entries(record)) total[key] = (total[key] ?? 0) + n;
  return total;
}

export async function startFakeAws(initial: AnyScenario, port = 0, options: FakeAwsOptions = {}): Promise<FakeAws> {
  const now = options.now ?? (() => Date.now());
  // Outlive setScenario, as credentials an SDK client has cached outlive a test's change of scenario.
  const sessions = new Map<string, Session>();

  function serve(scenario: AnyScenario): Served {
    if (!isOrganizationScenario(scenario)) {
      return {
        accounts: new Map([[scenario.inventory.account.id, accountContext(scenario)]]),
        credentials: { ...DEFAULT_BASE_CREDENTIALS },
      };
    }
    validateOrganization(scenario.organization);
    return {
      accounts: new Map(
        scenario.organization.accounts.map((account) => [
          account.inventory.account.id,
          accountContext(accountScenario(scenario, account)),
        ]),
      ),
      organization: organizationState(scenario, sessions, now),
      credentials: { ...(scenario.organization.credentials ?? DEFAULT_BASE_CREDENTIALS) },
    };
  }

  let scenario = initial;
  let served = serve(initial);

  /** Which account answers a request, and as whom; or why the request is refused. */
  function route(
    accessKeyId: string,
    sessionToken: string | undefined,
  ): { context: AccountContext; caller: Caller } | "invalid" | "expired" {
    if (!served.organization) {
      // One account answers whatever key signed the request, as it always has.
      const [context] = served.accounts.values();
      const { id, partition } = context!.scenario.inventory.account;
      return { context: context!, caller: baseCaller(id, partition, accessKeyId) };
    }
    const caller = authenticate(
      served.organization,
      served.credentials.accessKeyId,
      sessions,
      accessKeyId,
      sessionToken,
    );
    if (typeof caller === "string") return caller;
    const context = served.accounts.get(caller.accountId);
    return context ? { context, caller } : "invalid";
  }

  function countsOf(accountId: string | null | undefined, pick: (context: AccountContext) => Record<string, number>) {
    if (accountId) {
      const context = served.accounts.get(accountId);
      return context ? { ...pick(context) } : {};
    }
    return sumRecords([...served.accounts.values()].map(pick));
  }

  async function handle(req: Request, res: Response) {
    const url = new URL(req.url ?? "/", "http://fake");
    const json = (value: unknown) =>
      send(res, { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(value) });
    if (url.pathname === "/__fake/health")
      return send(res, { status: 200, headers: { "content-type": "text/plain" }, body: "ok" });
    if (url.pathname === "/__fake/counts") return json(countsOf(url.searchParams.get("account"), (c) => c.counts));
    if (url.pathname === "/__fake/throttled") {
      return json(countsOf(url.searchParams.get("account"), (c) => c.limiter.throttled()));
    }
    if (url.pathname === "/__fake/accounts") return json([...served.accounts.keys()]);
    const requestId = randomUUID();
    const body = await readBody(req);
    const scope = requestCredential(req.headers.authorization, url);
    const service = scope && FAKE_SERVICES[scope.service];
    if (!scope || !service) {
      return send(res, {
        status: 400,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message: `unsigned request or unknown service ${scope?.service ?? "(none)"}` }),
      });
    }
    const securityToken = req.headers["x-amz-security-token"] ?? url.searchParams.get("X-Amz-Security-Token");
    const routed = route(scope.accessKeyId, typeof securityToken === "string" ? securityToken : undefined);
    if (typeof routed === "string") {
      const refusal = credentialsError(routed, service.model.protocol, service.model.signingName);
      return send(res, errorResponse(service.model, refusal, requestId));
    }
    const { context, caller } = routed;
    const { scenario: answering, counts, limiter, random } = context;
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
    if (answering.latencyMs) await sleep(answering.latencyMs);
    if (!admitted) {
      const { protocol, signingName } = service.model;
      const error = faultError("throttle", protocol, signingName, action, caller.accountId, caller.arn);
      return send(res, errorResponse(service.model, error, requestId));
    }
    const fault = pickFault(answering.faults ?? [], action, scope.region, random);
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
        caller.accountId,
        caller.arn,
      );
      return send(res, errorResponse(service.model, error, requestId));
    }

    try {
      const output = responder({
        operation,
        region: scope.region,
        params: decoded.params,
        scenario: answering,
        caller,
        organization: served.organization,
      });
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
    counts: (accountId) => countsOf(accountId, (c) => c.counts),
    throttled: (accountId) => countsOf(accountId, (c) => c.limiter.throttled()),
    accounts: () => [...served.accounts.keys()],
    credentials: () => ({ ...served.credentials }),
    reset: () => {
      served = serve(scenario);
    },
    setScenario: (next) => {
      served = serve(next);
      scenario = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
