/**
 * How patient Safekeep is with AWS: attempts per call and per-call timeouts. The defaults suit a
 * real account; `SAFEKEEP_AWS_*` variables change them, e.g. to fail faster against a slow local
 * endpoint. Read when a client is created rather than once per process (parsing is cheap), so a
 * setting applies to the next scan without a restart.
 */
import { z } from "zod";

/** The SDK retries throttling itself (docs/controls.md#failed-calls); 8 attempts ride out a burst of throttling. */
const DEFAULT_MAX_ATTEMPTS = 8;
/** Fail fast on a Region that does not answer, instead of hanging a whole scan. */
const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

export interface AwsCallSettings {
  maxAttempts: number;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
}

const milliseconds = z.coerce.number().int().min(100).max(600_000);

const awsSettingsSchema = z.object({
  SAFEKEEP_AWS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(DEFAULT_MAX_ATTEMPTS),
  SAFEKEEP_AWS_CONNECTION_TIMEOUT_MS: milliseconds.default(DEFAULT_CONNECTION_TIMEOUT_MS),
  SAFEKEEP_AWS_REQUEST_TIMEOUT_MS: milliseconds.default(DEFAULT_REQUEST_TIMEOUT_MS),
});

/** An empty variable means "not set", as it does for the AWS SDK's own variables. */
function withoutEmpty(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""),
  );
}

/** Throws `Invalid Safekeep configuration: …` naming every bad variable. */
export function awsCallSettings(source: Record<string, string | undefined> = process.env): AwsCallSettings {
  const parsed = awsSettingsSchema.safeParse(withoutEmpty(source));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid Safekeep configuration: ${problems}`);
  }
  return {
    maxAttempts: parsed.data.SAFEKEEP_AWS_MAX_ATTEMPTS,
    connectionTimeoutMs: parsed.data.SAFEKEEP_AWS_CONNECTION_TIMEOUT_MS,
    requestTimeoutMs: parsed.data.SAFEKEEP_AWS_REQUEST_TIMEOUT_MS,
  };
}
