/**
 * Answers of read-only describe calls about referenced resources (KMS keys, S3 buckets, Kinesis and
 * Firehose streams), kept for the rest of one scan. The scan describes what is referenced early, while
 * slower collectors still run, and describes everything once more at the end from the finished
 * inventory; with this memo the second pass costs no call for what the first already asked, so the
 * final inventory is assembled exactly as before while the waiting happened earlier.
 *
 * A memoised answer is the same answer the call would give again within the scan (these resources do
 * not change between two reads seconds apart in a way Safekeep reports on), failures included: a
 * refused call stays refused, so its error is recorded as before.
 */
import type { MiddlewareStack } from "@smithy/types";

/** Keyed by service, Region, command and input; one per scan, like the pacer. */
export type AnswerMemo = Map<string, Promise<unknown>>;

export function createAnswerMemo(): AnswerMemo {
  return new Map();
}

/** The IAM prefixes whose describe answers are memoised: those of referenced resources. */
export const MEMOISED_SERVICES: ReadonlySet<string> = new Set(["kms", "s3", "kinesis", "firehose"]);

const MEMO_MIDDLEWARE = "safekeepAnswerMemo";

/**
 * Adds the memo to a client. It sits first in the initialize step, outside call counting and the
 * retry loop: an answer served from the memo is not a call and is not counted. Safe to call twice.
 */
export function memoiseClient<Input extends object, Output extends object>(
  client: { middlewareStack: MiddlewareStack<Input, Output> },
  memo: AnswerMemo,
  service: string,
  region: string,
): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const key = `${service}|${region}|${String(context.commandName)}|${JSON.stringify(args.input)}`;
      const known = memo.get(key) as ReturnType<typeof next> | undefined;
      if (known) return known;
      const answer = next(args);
      memo.set(key, answer);
      return answer;
    },
    { step: "initialize", priority: "high", name: MEMO_MIDDLEWARE, override: true },
  );
}
