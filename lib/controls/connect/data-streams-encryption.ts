import type { FirehoseStream, Inventory, KinesisStream } from "@/lib/inventory";
import type { Control, Evidence, ResourceResult, Status } from "../types";
import {
  arnAccount,
  arnRegion,
  arnResourceName,
  findKmsKey,
  liveInstances,
  resourceTypeLabel,
  storageSlot,
} from "./scope";

const KINESIS = "Kinesis data stream";
const FIREHOSE = "Firehose stream";

/** The storage types Connect streams to Kinesis or Firehose. */
const STREAMING_TYPES = [
  "CONTACT_TRACE_RECORDS",
  "AGENT_EVENTS",
  "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS",
  "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS",
  "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS",
] as const;

/** Kinesis's AWS managed key: Connect cannot be granted kms:GenerateDataKey on it. */
const AWS_KINESIS_ALIAS = /(^|:)alias\/aws\/kinesis$/;

interface StreamUse {
  arn: string;
  kind: "kinesis" | "firehose";
  region: string;
  /** Which instances stream which data here, for the reason and evidence. */
  instanceIds: string[];
  resourceTypes: string[];
}

function addUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/** Every stream live instances publish to, once each, with who publishes what. */
function streamUses(inventory: Inventory): StreamUse[] {
  const uses = new Map<string, StreamUse>();
  for (const instance of liveInstances(inventory)) {
    for (const resourceType of STREAMING_TYPES) {
      const slot = storageSlot(instance, resourceType);
      if (slot.kind !== "configured") continue;
      for (const config of slot.configs) {
        const target = config.kinesisStreamArn
          ? { arn: config.kinesisStreamArn, kind: "kinesis" as const }
          : config.firehoseArn
            ? { arn: config.firehoseArn, kind: "firehose" as const }
            : undefined;
        if (!target) continue;
        const use = uses.get(target.arn) ?? {
          ...target,
          region: arnRegion(target.arn) ?? instance.region,
          instanceIds: [],
          resourceTypes: [],
        };
        addUnique(use.instanceIds, instance.id);
        addUnique(use.resourceTypes, resourceType);
        uses.set(target.arn, use);
      }
    }
  }
  return [...uses.values()];
}

interface Verdict {
  status: Status;
  /** Completes "<stream> …". */
  finding: string;
  evidence: Evidence;
}

function isForeign(inventory: Inventory, arn: string): boolean {
  const account = arnAccount(arn);
  return account !== undefined && account !== inventory.account.id;
}

/** A stream the scan could not read: another account's, refused, or gone. */
function unreadable(
  inventory: Inventory,
  arn: string,
  entry: { access: "ok" | "denied" | "not-found" } | undefined,
): Verdict | undefined {
  if (entry?.access === "not-found") {
    return {
      status: "warn",
      finding: "does not exist, so Connect cannot deliver to it",
      evidence: { access: "not-found" },
    };
  }
  if (entry?.access === "denied" || (entry?.access !== "ok" && isForeign(inventory, arn))) {
    return {
      status: "warn",
      finding: isForeign(inventory, arn)
        ? "is in another account: cannot verify its encryption"
        : "could not be read (access refused): cannot verify its encryption",
      evidence: { access: entry?.access ?? null, streamAccount: arnAccount(arn) ?? null },
    };
  }
  return undefined;
}

function judgeKinesis(inventory: Inventory, arn: string): Verdict | undefined {
  const streams = inventory.accountWide?.kinesisStreams;
  if (!streams) return undefined;
  const stream: KinesisStream | undefined = streams.find((candidate) => candidate.arn === arn);
  const blocked = unreadable(inventory, arn, stream);
  if (blocked || !stream || stream.encryptionType === undefined) return blocked;
  const evidence: Evidence = { encryptionType: stream.encryptionType, keyId: stream.keyId ?? null };
  if (stream.encryptionType !== "KMS") {
    return { status: "fail", finding: "stores records unencrypted (server-side encryption off)", evidence };
  }
  const key = stream.keyId ? findKmsKey(inventory, stream.keyId, stream.region) : undefined;
  evidence.keyManager = key?.keyManager ?? null;
  if ((stream.keyId && AWS_KINESIS_ALIAS.test(stream.keyId)) || key?.keyManager === "AWS") {
    return {
      status: "warn",
      finding:
        "is encrypted with the AWS managed key aws/kinesis: Connect may fail to publish, since only a customer managed key can grant it kms:GenerateDataKey",
      evidence,
    };
  }
  return { status: "pass", finding: "is encrypted at rest with a KMS key", evidence };
}

function judgeFirehose(inventory: Inventory, arn: string): Verdict | undefined {
  const streams = inventory.accountWide?.firehoseStreams;
  if (!streams) return undefined;
  const stream: FirehoseStream | undefined = streams.find((candidate) => candidate.arn === arn);
  const blocked = unreadable(inventory, arn, stream);
  if (blocked || !stream) return blocked;
  const evidence: Evidence = {
    deliveryStreamType: stream.deliveryStreamType ?? null,
    encryptionStatus: stream.encryptionStatus ?? null,
    keyType: stream.keyType ?? null,
  };
  if (stream.deliveryStreamType === "KinesisStreamAsSource") {
    // The data rests in the source stream; Firehose itself only passes it on.
    const source = stream.sourceStreamArn;
    if (!source) {
      return {
        status: "warn",
        finding: "reads from a Kinesis stream the scan could not identify: cannot verify its encryption",
        evidence,
      };
    }
    const sourceVerdict = judgeKinesis(inventory, source);
    if (!sourceVerdict) return undefined;
    return {
      status: sourceVerdict.status,
      finding: `reads from Kinesis stream ${arnResourceName(source)}, which ${sourceVerdict.finding}`,
      evidence: { ...evidence, sourceStreamArn: source, ...prefixed("source", sourceVerdict.evidence) },
    };
  }
  if (stream.encryptionStatus === "ENABLED") {
    const keyKind = stream.keyType === "CUSTOMER_MANAGED_CMK" ? "a customer managed key" : "an AWS owned key";
    return { status: "pass", finding: `has server-side encryption on with ${keyKind}`, evidence };
  }
  return {
    status: "warn",
    finding:
      stream.encryptionStatus === undefined
        ? "reports no server-side encryption setting"
        : `has server-side encryption ${stream.encryptionStatus.toLowerCase().replace(/_/g, " ")}`,
    evidence,
  };
}

function prefixed(prefix: string, evidence: Evidence): Evidence {
  return Object.fromEntries(
    Object.entries(evidence).map(([key, value]) => [`${prefix}${key[0]?.toUpperCase()}${key.slice(1)}`, value]),
  );
}

function result(use: StreamUse, verdict: Verdict): ResourceResult {
  const label = use.kind === "kinesis" ? KINESIS : FIREHOSE;
  const data = use.resourceTypes.map(resourceTypeLabel).join(", ");
  return {
    resourceArn: use.arn,
    resourceType: label,
    region: use.region,
    status: verdict.status,
    reason: `${label} ${arnResourceName(use.arn)} (Connect ${data}) ${verdict.finding}.`,
    evidence: {
      streamArn: use.arn,
      connectInstanceIds: use.instanceIds,
      connectResourceTypes: use.resourceTypes,
      ...verdict.evidence,
    },
  };
}

export const control: Control = {
  meta: {
    id: "connect.data-streams-encryption",
    service: "connect",
    title: "Streams receiving contact records, agent events and real-time analysis are encrypted",
    severity: "medium",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "004_fb70acf13c3fd86e.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: "Kinesis or Firehose stream",
    remediation: {
      text: "Enable server-side encryption on the Kinesis data stream (or Firehose stream) with a customer managed KMS key whose key policy lets Amazon Connect use it.",
      url: "https://docs.aws.amazon.com/connect/latest/adminguide/data-streaming.html",
    },
    docs: ["https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html"],
    requires: [
      "connect:ListInstances",
      "connect:ListInstanceStorageConfigs",
      "kinesis:DescribeStreamSummary",
      "firehose:DescribeDeliveryStream",
      "kms:DescribeKey",
    ],
    related: [],
    verdicts: [
      "pass: a Kinesis data stream that receives contact records, agent events or real-time analysis is encrypted with a KMS key other than the AWS managed aws/kinesis; a Firehose stream has server-side encryption on (or reads from such a Kinesis stream).",
      "warn: the Kinesis stream uses the AWS managed key aws/kinesis (Connect may fail to publish); the Firehose stream's encryption is off or unreported; or the stream is another account's, unreadable or gone (cannot verify).",
      "fail: the Kinesis stream (or a Firehose stream's source stream) stores records unencrypted.",
      "error: the stream, its key, or the instance's storage configurations could not be read.",
    ],
  },
  evaluate(inventory) {
    return streamUses(inventory).flatMap((use) => {
      const verdict = use.kind === "kinesis" ? judgeKinesis(inventory, use.arn) : judgeFirehose(inventory, use.arn);
      // No verdict: the account-wide scan did not describe the stream; the runner reports why.
      return verdict ? [result(use, verdict)] : [];
    });
  },
};
