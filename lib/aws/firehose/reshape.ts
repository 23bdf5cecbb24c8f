/** Pure mappings from Amazon Data Firehose SDK objects to Safekeep's FirehoseStream. */
import type { DeliveryStreamDescription } from "@aws-sdk/client-firehose";
import type { FirehoseStream } from "@/lib/inventory";
import { parseArn } from "@/lib/inventory/arn";
import type { StreamReference } from "@/lib/inventory/references";

/** Region, account and name of `arn:aws:firehose:<region>:<account>:deliverystream/<name>`. */
export function deliveryStreamArnParts(arn: string): { region: string; accountId: string; name: string } | undefined {
  const parsed = parseArn(arn);
  if (!parsed?.region) return undefined;
  const name = parsed.resource.slice(parsed.resource.lastIndexOf("/") + 1);
  return name ? { region: parsed.region, accountId: parsed.accountId, name } : undefined;
}

export function toFirehoseStream(description: DeliveryStreamDescription, reference: StreamReference): FirehoseStream {
  const arn = description.DeliveryStreamARN ?? reference.arn;
  const parts = deliveryStreamArnParts(arn) ?? deliveryStreamArnParts(reference.arn);
  const encryption = description.DeliveryStreamEncryptionConfiguration;
  return {
    arn,
    name: description.DeliveryStreamName ?? parts?.name ?? "",
    region: parts?.region ?? "",
    access: "ok",
    deliveryStreamType: description.DeliveryStreamType,
    encryptionStatus: encryption?.Status,
    keyType: encryption?.KeyType,
    keyArn: encryption?.KeyARN,
    sourceStreamArn: description.Source?.KinesisStreamSourceDescription?.KinesisStreamARN,
    referencedBy: reference.references,
  };
}

/** A stream that could not be read: only what its ARN says is known. */
export function unreachedFirehoseStream(reference: StreamReference, access: "denied" | "not-found"): FirehoseStream {
  const parts = deliveryStreamArnParts(reference.arn);
  return {
    arn: reference.arn,
    name: parts?.name ?? "",
    region: parts?.region ?? "",
    access,
    referencedBy: reference.references,
  };
}
