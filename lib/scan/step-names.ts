/**
 * What the scan page shows for each step of a scan's progress: the service and what is read, in the
 * words of AWS's consoles rather than the step ids the scanner uses (`sts-vpc-endpoints`,
 * `tls-samples connect`), with a count where the step knows it when it starts (buckets, streams,
 * keys, TLS endpoints). One table for every step id the scanner reports; step-names.test.ts keeps
 * it complete.
 */
import { SERVICE_NAMES, isServiceId } from "@/lib/inventory/common";
import type { StepId } from "./plan";

/** Every step id a scan's progress reports: the plan's steps, with storage reported by its parts. */
export type ProgressStepId = Exclude<StepId, "storage"> | "s3" | "kinesis" | "firehose";

interface StepWords {
  /** The service, as AWS names it. */
  service: string;
  /** What the step reads, when no count is known. */
  reads: string;
  /** With a count: the step's words while it runs and once it has ended. */
  counted?: { running: (n: number) => string; done: (n: number) => string };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Reading `n` named things: "reading 12 buckets" / "12 buckets read". */
function reading(one: string, many: string): StepWords["counted"] {
  return { running: (n) => `reading ${plural(n, one, many)}`, done: (n) => `${plural(n, one, many)} read` };
}

export const STEP_NAMES: Readonly<Record<ProgressStepId, StepWords>> = {
  iam: { service: "AWS IAM", reads: "users, roles, policies and account settings" },
  "sts-vpc-endpoints": { service: "AWS STS", reads: "VPC endpoints" },
  elasticache: { service: "Amazon ElastiCache", reads: "clusters, replication groups and users" },
  cognito: { service: "Amazon Cognito", reads: "user pools and identity pools" },
  personalize: { service: "Amazon Personalize", reads: "dataset groups, datasets and jobs" },
  connect: { service: "Amazon Connect", reads: "instances and their storage settings" },
  cloudtrail: { service: "AWS CloudTrail", reads: "trails" },
  macie: { service: "Amazon Macie", reads: "whether Macie is on" },
  tags: { service: "Resource tags", reads: "tagged resources" },
  "tls-samples": {
    service: "AWS CloudTrail",
    reads: "TLS versions of recent calls",
    counted: {
      running: (n) => `checking TLS on ${plural(n, "endpoint", "endpoints")}`,
      done: (n) => `TLS checked on ${plural(n, "endpoint", "endpoints")}`,
    },
  },
  s3: { service: "Amazon S3", reads: "buckets the resources write to", counted: reading("bucket", "buckets") },
  kinesis: {
    service: "Amazon Kinesis Data Streams",
    reads: "streams the resources write to",
    counted: reading("stream", "streams"),
  },
  firehose: {
    service: "Amazon Data Firehose",
    reads: "streams the resources write to",
    counted: reading("stream", "streams"),
  },
  kms: { service: "AWS KMS", reads: "keys the resources use", counted: reading("key", "keys") },
};

/** The id of TLS sampling for one service's endpoints: one step per service and Region. */
export function tlsStepId(service: string): string {
  return `tls-samples ${service}`;
}

export function isProgressStepId(id: string): id is ProgressStepId {
  return Object.hasOwn(STEP_NAMES, id);
}

export interface StepEvent {
  step: string;
  state: "started" | "finished";
  count?: number;
}

/**
 * "Amazon S3 · 12 buckets read", "AWS CloudTrail · checking TLS on 5 endpoints (Amazon Connect)",
 * "AWS STS · VPC endpoints". An id missing from the table is shown as it is rather than hidden.
 */
export function stepName(event: StepEvent): string {
  const [id = event.step, subject] = event.step.split(" ", 2);
  if (!isProgressStepId(id)) return event.step;
  const words = STEP_NAMES[id];
  const what =
    words.counted && event.count !== undefined
      ? (event.state === "finished" ? words.counted.done : words.counted.running)(event.count)
      : words.reads;
  const about = subject && isServiceId(subject) ? ` (${SERVICE_NAMES[subject]})` : "";
  return `${words.service} · ${what}${about}`;
}
