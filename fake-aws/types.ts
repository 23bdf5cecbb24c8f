import type { Inventory } from "@/lib/inventory";
import type { ServiceModel } from "./protocols";

/** What the fake endpoint serves: an account inventory, plus optional faults and latency. */
export interface Scenario {
  inventory: Inventory;
  /** Added to every answer, in milliseconds (the benchmarks' realistic per-call latency). */
  latencyMs?: number;
  faults?: Fault[];
  /** Seed for rate-based faults, so a run is repeatable. */
  seed?: number;
  /**
   * Per-API request rates, like AWS's documented quotas: `{ "connect:*": { rate: 2, burst: 5 } }` or
   * `{ "cognito-idp:DescribeUserPool": 15 }` (requests per second). Keys are IAM-style actions or prefix
   * wildcards, as for faults; the most specific key applies. Each action gets its own token bucket per
   * Region, and a request beyond it is answered with the service's throttling error.
   */
  rateLimits?: Record<string, number | RateLimit>;
}

/** A token bucket: `rate` requests per second sustained, `burst` at once (default: one second's worth). */
export interface RateLimit {
  rate: number;
  burst?: number;
}

export type FaultKind =
  | "throttle"
  | "access-denied"
  | "region-unavailable"
  | "server-error"
  | "drop-connection"
  | "malformed-body"
  | "latency";

export interface Fault {
  /** IAM-style action (`elasticache:DescribeUsers`), or a prefix wildcard (`elasticache:*`, `*`). */
  action: string;
  region?: string;
  kind: FaultKind;
  /** Share of matching calls that fail, 0..1 (default 1: every call). */
  rate?: number;
  /** For `latency`: extra milliseconds. */
  latencyMs?: number;
}

export interface FakeRequest {
  operation: string;
  region: string;
  /** Query parameters (flat `A.B.1` keys for the query protocols), JSON body members, path parameters. */
  params: Record<string, unknown>;
  scenario: Scenario;
}

/** Returns the operation's output in the SDK's shape (what `client.send` would resolve to). */
export type Responder = (request: FakeRequest) => unknown;

export interface FakeService {
  model: ServiceModel;
  responders: Record<string, Responder>;
}

/** An error answered the way AWS answers it. */
export class FakeAwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}
