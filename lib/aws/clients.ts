/**
 * One client configuration for every AWS SDK v3 client Safekeep creates.
 *
 * Deliberately absent: `endpoint` and `credentials`. Leaving them unset lets the SDK apply
 * AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>, `endpoint_url` in ~/.aws/config,
 * AWS_USE_FIPS_ENDPOINT and the default credential chain exactly as the AWS CLI does; an explicit
 * `endpoint` here would silently override all of them.
 */
import type { MetadataBearer, MiddlewareStack } from "@smithy/types";
import { trackCallStats, type CallStats } from "./call-stats";
import { awsCallSettings, type AwsCallSettings } from "./settings";

export { createCallStats, trackCallStats, type CallStats } from "./call-stats";

/** The SDK retries throttling itself, with client-side rate limiting (docs/controls.md#failed-calls). */
export const RETRY_MODE = "adaptive";

/**
 * Clients of APIs the pacer holds to their quota (lib/aws/quotas.ts) retry in the standard mode: the
 * pacer already spaces every attempt, and the adaptive mode's own limiter would, after one stray
 * throttle, slow every other API of the same client below its quota.
 */
export const PACED_RETRY_MODE = "standard";

/**
 * Options for the SDK's default Node handler (`NodeHttpHandler`), which the client builds from this
 * plain object. Passing options instead of a handler instance avoids importing
 * `@smithy/node-http-handler`, which is only a transitive dependency of the SDK.
 */
export interface RequestHandlerOptions {
  connectionTimeout: number;
  requestTimeout: number;
  /** Without it, a request over `requestTimeout` only logs a warning to the console and keeps waiting. */
  throwOnRequestTimeout: boolean;
}

export interface SharedClientConfig {
  region: string;
  retryMode: typeof RETRY_MODE | typeof PACED_RETRY_MODE;
  maxAttempts: number;
  requestHandler: RequestHandlerOptions;
}

export function sharedClientConfig(region: string, settings: AwsCallSettings = awsCallSettings()): SharedClientConfig {
  return {
    region,
    retryMode: RETRY_MODE,
    maxAttempts: settings.maxAttempts,
    requestHandler: {
      connectionTimeout: settings.connectionTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  };
}

/**
 * Builds any SDK v3 client with the shared configuration, e.g.
 * `createAwsClient(ElastiCacheClient, "eu-west-1", stats)`; with `stats`, its calls are counted.
 * `extra` adds service-specific settings (S3's redirect following) on top of the shared ones.
 * Collectors get their clients through the harness (`createScopedClient`), which also paces them.
 */
export function createAwsClient<
  Client extends { middlewareStack: MiddlewareStack<Input, Output> },
  Input extends object,
  Output extends MetadataBearer,
  Extra extends object = object,
>(
  ClientClass: new (config: SharedClientConfig & Extra) => Client,
  region: string,
  stats?: CallStats,
  extra?: Extra,
): Client {
  const client = new ClientClass({ ...sharedClientConfig(region), ...(extra as Extra) });
  if (stats) trackCallStats(client, stats);
  return client;
}
