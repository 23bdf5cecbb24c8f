/** Pure mappings from Kinesis Data Streams SDK objects to Safekeep's KinesisStream. */
import type { StreamDescriptionSummary } from "@aws-sdk/client-kinesis";
import type { KinesisStream } from "@/lib/inventory";
import { parseArn } from "@/lib/inventory/arn";
import type { StreamReference } from "@/lib/inventory/references";

/** Region and name of a stream ARN (`arn:aws:kinesis:<region>:<account>:stream/<name>`). */
export function streamArnParts(arn: string): { region: string; accountId: string; name: string } | undefined {
  const parsed = parseArn(arn);
  if (!parsed?.region) return undefined;
  const name = parsed.resource.slice(parsed.resource.indexOf("/") + 1);
  return { region: parsed.region, accountId: parsed.accountId, name };
}

export function toKinesisStream(summary: StreamDescriptionSummary, reference: StreamReference): KinesisStream {
  const arn = summary.StreamARN ?? reference.arn;
  const parts = streamArnParts(arn) ?? streamArnParts(reference.arn);
  return {
    arn,
    name: summary.StreamName ?? parts?.name ?? "",
    region: parts?.region ?? "",
    access: "ok",
    encryptionType: summary.EncryptionType,
    keyId: summary.KeyId,
    referencedBy: reference.references,
  };
}

/** A stream that could not be read: only what its ARN says is known. */
export function unreachedKinesisStream(reference: StreamReference, access: "denied" | "not-found"): KinesisStream {
  const parts = streamArnParts(reference.arn);
  return {
    arn: reference.arn,
    name: parts?.name ?? "",
    region: parts?.region ?? "",
    access,
    referencedBy: reference.references,
  };
}
