import type { AccessProblemCode } from "@/lib/aws/access-problem";

/** The scan cannot begin at all (no credentials, endpoint unreachable): the CLI exits 1. */
export class CannotStartError extends Error {
  override name = "CannotStartError";
  /** Why, as a code the web page words for its readers (./start-problems.ts); the message is the CLI's. */
  constructor(
    message: string,
    readonly code: AccessProblemCode = "other",
  ) {
    super(message);
  }
}

/** The scan was cancelled: it sent no further call, and nothing of it is stored. */
export class ScanCancelledError extends Error {
  override name = "ScanCancelledError";
  constructor() {
    super("the scan was cancelled");
  }
}
