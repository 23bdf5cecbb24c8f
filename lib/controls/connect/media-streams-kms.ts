import type { ConnectInstance, InstanceStorageConfig, Inventory } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import {
  connectInstances,
  creationFailedResult,
  emptySlotResult,
  findKmsKey,
  hasKmsKey,
  isCreationFailed,
  keyDescription,
  STORAGE_CONFIG,
  storageResourceArn,
  storageSlot,
} from "./scope";

const MEDIA_STREAMS = "MEDIA_STREAMS";

function judge(inventory: Inventory, instance: ConnectInstance, config: InstanceStorageConfig): ResourceResult {
  const video = config.kinesisVideo;
  const encryption = video?.encryption;
  const base = {
    resourceArn: storageResourceArn(instance, MEDIA_STREAMS, config.associationId),
    resourceType: STORAGE_CONFIG,
    region: instance.region,
  };
  const subject = `Connect instance ${instance.id} live media streams`;
  // The API requires an encryption config on every Kinesis Video Streams association.
  if (!hasKmsKey(encryption)) {
    return {
      ...base,
      status: "error",
      reason: `${subject} came back without the encryption settings the API always returns (unexpected response).`,
      evidence: {
        instanceId: instance.id,
        storageType: config.storageType,
        encryptionType: encryption?.type ?? null,
        keyId: encryption?.keyId ?? null,
      },
    };
  }
  const key = findKmsKey(inventory, encryption.keyId, instance.region);
  const retention = video?.retentionPeriodHours;
  const notes = [
    key?.keyManager === "AWS" ? "a customer managed key would give you control over the key" : undefined,
    retention === 0 ? "the stream does not persist data" : undefined,
  ].filter((note): note is string => note !== undefined);
  return {
    ...base,
    status: "pass",
    reason: `${subject} are encrypted with ${keyDescription(key)}${notes.length > 0 ? `; ${notes.join("; ")}` : ""}.`,
    evidence: {
      instanceId: instance.id,
      storageType: config.storageType,
      encryptionType: encryption.type ?? null,
      keyId: encryption.keyId,
      keyManager: key?.keyManager ?? null,
      retentionPeriodHours: retention ?? null,
    },
  };
}

function instanceResults(inventory: Inventory, instance: ConnectInstance): ResourceResult[] {
  if (isCreationFailed(instance)) return [creationFailedResult(instance)];
  const slot = storageSlot(instance, MEDIA_STREAMS);
  switch (slot.kind) {
    case "uncollected":
      return [];
    case "unsupported":
    case "none":
      return [emptySlotResult(instance, MEDIA_STREAMS, slot)];
    case "configured":
      return slot.configs.map((config) => judge(inventory, instance, config));
  }
}

export const control: Control = {
  meta: {
    id: "connect.media-streams-kms",
    service: "connect",
    title: "Live media streams to Kinesis Video Streams are encrypted with a KMS key",
    severity: "medium",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "004_fb70acf13c3fd86e.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: STORAGE_CONFIG,
    remediation: {
      text: "Use a customer managed KMS key for live media streaming in the instance's data storage settings, so you control who can decrypt call audio.",
      url: "https://docs.aws.amazon.com/connect/latest/adminguide/key-management.html",
    },
    docs: ["https://docs.aws.amazon.com/connect/latest/adminguide/enable-live-media-streams.html"],
    requires: ["connect:ListInstances", "connect:ListInstanceStorageConfigs"],
    related: ["CloudSploit instanceMediaStreamsEncrypted"],
    verdicts: [
      "pass: live media streaming to Kinesis Video Streams is encrypted with a KMS key (the reason notes an AWS managed key or no retention).",
      "not applicable: the instance failed to create, or has no live media streaming configured.",
      "error: the storage configuration could not be read, or came back without the encryption settings the API always returns.",
    ],
  },
  evaluate(inventory) {
    return connectInstances(inventory).flatMap((instance) => instanceResults(inventory, instance));
  },
};
