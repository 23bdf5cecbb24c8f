/**
 * The one collector harness: what every collector in lib/aws/<service>/collect.ts shares, so each
 * keeps only its service's calls and reshaping.
 *
 * - `CollectScope`: what one scan hands every collector (call counting, pacing, the account, the clock).
 * - Clients of the shared configuration, counted and paced, one per Region, destroyed once at the end.
 * - `createRegionCalls`: a Region's call queue (at most `MAX_CONCURRENT_CALLS` in flight) whose calls
 *   never reject: a failure comes back as a classified `CollectionError` named by its IAM action.
 * - `readAllPages` and `distinctErrors`.
 */
import pLimit from "p-limit";
import type {
  AwsCredentialIdentityProvider,
  InitializeMiddleware,
  MetadataBearer,
  MiddlewareStack,
} from "@smithy/types";
import type { CollectionError, ServiceId } from "@/lib/inventory";
import { iamActionFor } from "./actions";
import { MEMOISED_SERVICES, memoiseClient, type AnswerMemo } from "./answer-memo";
import { createCallStats, type CallStats } from "./call-stats";
import { createAwsClient, PACED_RETRY_MODE, type SharedClientConfig } from "./clients";
import { classifyAwsError } from "./errors";
import { createPacer, paceClient, type Pacer } from "./pacing";
import { PACED_SERVICES } from "./quotas";

/**
 * Calls in flight per service and Region, for every service alike (docs/controls.md#call-budget).
 * Rate quotas are the pacer's business; this only bounds how much one Region asks at once.
 */
export const MAX_CONCURRENT_CALLS = 3;

/** What one scan hands every collector. */
export interface CollectScope {
  /** Counts every command sent through the scope's clients. */
  stats: CallStats;
  /** Paces every command sent through the scope's clients; one per scan. */
  pacer: Pacer;
  /** The scanned account, for ARNs no response carries and to tell other accounts' resources apart. */
  accountId: string;
  partition: string;
  now: () => Date;
  /** Answers about referenced resources, kept for the scan (./answer-memo.ts); none: every call goes out. */
  memo?: AnswerMemo;
  /** The scanned account's credentials (an assumed member role); none: the default credential chain. */
  credentials?: AwsCredentialIdentityProvider;
  /**
   * The scan's cancel switch: once aborted, no further command is sent (each fails at once with
   * CallsStoppedError, before its pacing wait), so a cancelled scan's running steps end within the
   * calls already in flight rather than after every page and Region they had left.
   */
  signal?: AbortSignal;
}

/** A command refused because its scan was cancelled; nothing of such a scan is stored. */
export class CallsStoppedError extends Error {
  override name = "CallsStoppedError";
  constructor() {
    super("not sent: the scan was cancelled");
  }
}

const STOP_MIDDLEWARE = "safekeepStopWhenCancelled";

/** Refuses every command once `signal` is aborted; first in the stack, so retries and pacing never see it. */
function stopWhenCancelled<Input extends object, Output extends MetadataBearer>(
  client: { middlewareStack: MiddlewareStack<Input, Output> },
  signal: AbortSignal,
): void {
  const stop: InitializeMiddleware<Input, Output> = (next) => async (args) => {
    if (signal.aborted) throw new CallsStoppedError();
    return next(args);
  };
  client.middlewareStack.add(stop, { step: "initialize", priority: "high", name: STOP_MIDDLEWARE, override: true });
}

/** A scope with fresh stats, AWS's quotas and the real clock unless told otherwise. */
export function createCollectScope(
  scope: Pick<CollectScope, "accountId" | "partition"> & Partial<CollectScope>,
): CollectScope {
  return { stats: createCallStats(), pacer: createPacer(), now: () => new Date(), ...scope };
}

// ---------------------------------------------------------------------------------------------
// Clients
// ---------------------------------------------------------------------------------------------

type SdkClient<Input extends object, Output extends MetadataBearer> = {
  middlewareStack: MiddlewareStack<Input, Output>;
  destroy(): void;
};

/**
 * A client of the shared configuration (plus `extra`, e.g. S3's redirect following) for `service`
 * (its IAM prefix) in `region`, counted into the scope's stats, paced by its pacer and signed with
 * the scope's credentials (the default chain when it has none).
 */
export function createScopedClient<
  Client extends SdkClient<Input, Output>,
  Input extends object,
  Output extends MetadataBearer,
  Extra extends object = object,
>(
  ClientClass: new (config: SharedClientConfig & Extra) => Client,
  region: string,
  scope: CollectScope,
  service: string,
  extra?: Extra,
): Client {
  const paced = PACED_SERVICES.has(service) ? { retryMode: PACED_RETRY_MODE } : {};
  const credentials = scope.credentials ? { credentials: scope.credentials } : {};
  const client = createAwsClient<Client, Input, Output, Extra>(ClientClass, region, scope.stats, {
    ...paced,
    ...credentials,
    ...extra,
  } as Extra);
  paceClient(client, scope.pacer, service, region);
  if (scope.signal) stopWhenCancelled(client, scope.signal);
  if (scope.memo && MEMOISED_SERVICES.has(service)) memoiseClient(client, scope.memo, service, region);
  return client;
}

export interface RegionClients<Client> {
  /** The Region's client, created on first use. */
  for(region: string): Client;
  /** Destroys every client created so far. */
  destroy(): void;
}

/** One scoped client per Region, created on first use; the caller destroys them once at the end. */
export function regionClients<
  Client extends SdkClient<Input, Output>,
  Input extends object,
  Output extends MetadataBearer,
>(
  ClientClass: new (config: SharedClientConfig) => Client,
  scope: CollectScope,
  service: string,
): RegionClients<Client> {
  const clients = new Map<string, Client>();
  return {
    for(region) {
      const client =
        clients.get(region) ?? createScopedClient<Client, Input, Output>(ClientClass, region, scope, service);
      clients.set(region, client);
      return client;
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}

/** Runs `work` with per-Region clients, destroying them when it is done, whatever the outcome. */
export async function withRegionClients<
  Client extends SdkClient<Input, Output>,
  Input extends object,
  Output extends MetadataBearer,
  Result,
>(
  ClientClass: new (config: SharedClientConfig) => Client,
  scope: CollectScope,
  service: string,
  work: (clientFor: (region: string) => Client) => Promise<Result>,
): Promise<Result> {
  const clients = regionClients<Client, Input, Output>(ClientClass, scope, service);
  try {
    return await work((region) => clients.for(region));
  } finally {
    clients.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------

/**
 * Reads every page. A list that fails on a later page throws, so no half list is ever kept: a
 * control judging part of a list as if it were all of it could pass what it never saw.
 */
export async function readAllPages<Page, Item>(
  pages: AsyncIterable<Page>,
  itemsOf: (page: Page) => readonly Item[] | undefined,
): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pages) items.push(...(itemsOf(page) ?? []));
  return items;
}

/** Paginator configuration: `stopOnSameToken` so a service that repeats its last token cannot loop us. */
export function pagingOf<Client>(client: Client): { client: Client; stopOnSameToken: true } {
  return { client, stopOnSameToken: true };
}

export type CallOutcome<Value> =
  | { ok: true; value: Value }
  /** `raw` is what was thrown, for callers that read its name (NotFound, unsupported types). */
  | { ok: false; error: CollectionError; raw: unknown };

export interface CallOptions {
  /** The resource a per-resource call is about, so only that resource's verdicts become unknown. */
  resource?: string;
  /** IAM prefix when it differs from the queue's (Cognito's two APIs share one queue). */
  prefix?: string;
}

export interface RegionCallsOptions {
  /** The service the errors are reported under. */
  service: ServiceId;
  region: string;
  /** IAM prefix of the calls, e.g. `connect`, `cognito-idp`. */
  prefix: string;
  /** Calls in flight; `MAX_CONCURRENT_CALLS` unless a test says otherwise. */
  limit?: number;
}

export interface RegionCalls {
  readonly service: ServiceId;
  readonly region: string;
  /**
   * Runs one call (a command, or all pages of one list) in the Region's queue; never rejects.
   * Never nest `run` inside a task: the outer call would hold a slot its inner call waits for.
   */
  run<Value>(commandName: string, task: () => Promise<Value>, options?: CallOptions): Promise<CallOutcome<Value>>;
  /** The classified error of a failed call, named by its IAM action. */
  toError(commandName: string, raw: unknown, options?: CallOptions): CollectionError;
}

export function createRegionCalls(options: RegionCallsOptions): RegionCalls {
  const { service, region, prefix } = options;
  const limit = pLimit(options.limit ?? MAX_CONCURRENT_CALLS);
  const toError = (commandName: string, raw: unknown, call: CallOptions = {}): CollectionError => {
    const action = iamActionFor(commandName, call.prefix ?? prefix) ?? commandName;
    return {
      service,
      region,
      ...classifyAwsError(raw, action),
      ...(call.resource === undefined ? {} : { resource: call.resource }),
    };
  };
  return {
    service,
    region,
    toError,
    run<Value>(commandName: string, task: () => Promise<Value>, call?: CallOptions) {
      return limit(async (): Promise<CallOutcome<Value>> => {
        try {
          return { ok: true, value: await task() };
        } catch (raw) {
          return { ok: false, error: toError(commandName, raw, call), raw };
        }
      });
    },
  };
}

/**
 * One queue per Region, created on first use, for collectors that follow references into several
 * Regions (CloudTrail, KMS, Kinesis, Firehose): Regions run side by side, each under its own limit.
 */
export function regionCallsFor(options: Omit<RegionCallsOptions, "region">): (region: string) => RegionCalls {
  const queues = new Map<string, RegionCalls>();
  return (region) => {
    const queue = queues.get(region) ?? createRegionCalls({ ...options, region });
    queues.set(region, queue);
    return queue;
  };
}

/**
 * The same failure is one finding, not one per resource that ran into it: errors are kept once per
 * service, Region, action, kind and resource (first seen wins). Per-resource errors stay apart, so
 * each resource whose call failed is still named.
 */
export function distinctErrors(errors: readonly CollectionError[]): CollectionError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = [error.service, error.region, error.action, error.kind, error.resource ?? ""].join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
