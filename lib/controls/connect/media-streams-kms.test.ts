import { describe, expect, it } from "vitest";
import {
  CONNECT_INSTANCE_ID,
  CONNECT_KEY_ARN,
  connectInstance,
  connectInventory,
  connectMediaStreamStorage,
  kmsKey,
} from "@/lib/inventory/builders";
import type { ConnectInstance, KmsKey } from "@/lib/inventory";
import { control } from "./media-streams-kms";

const now = new Date("2026-06-01T00:00:00Z");

function evaluate(instance: Partial<ConnectInstance>, keys: KmsKey[] = [kmsKey()]) {
  return control.evaluate(
    connectInventory({ instances: [connectInstance(instance)], accountWide: { kmsKeys: keys } }),
    { now },
  );
}

describe("connect.media-streams-kms", () => {
  it.each([
    {
      name: "customer managed key",
      video: {},
      keys: [kmsKey()],
      status: "pass",
      reason: /live media streams are encrypted with a customer managed KMS key\./,
    },
    {
      name: "AWS managed key (pass with a note)",
      video: {},
      keys: [kmsKey({ keyManager: "AWS" })],
      status: "pass",
      reason: /AWS managed KMS key; a customer managed key would give you control/,
    },
    {
      name: "retention 0: stream does not persist data",
      video: { retentionPeriodHours: 0 },
      keys: [kmsKey()],
      status: "pass",
      reason: /the stream does not persist data/,
    },
    {
      name: "key not described",
      video: {},
      keys: [],
      status: "pass",
      reason: /with a KMS key\./,
    },
    {
      name: "encryption config missing (the API requires it)",
      video: { encryption: undefined },
      keys: [kmsKey()],
      status: "error",
      reason: /unexpected response/,
    },
  ])("$name → $status", ({ video, keys, status, reason }) => {
    const [result] = evaluate({ storageConfigs: [connectMediaStreamStorage(video)] }, keys);
    expect(result?.status).toBe(status);
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain(CONNECT_INSTANCE_ID);
  });

  it("records key, key manager and retention as evidence", () => {
    const [result] = evaluate({ storageConfigs: [connectMediaStreamStorage({ retentionPeriodHours: 0 })] });
    expect(result?.evidence).toMatchObject({ keyId: CONNECT_KEY_ARN, keyManager: "CUSTOMER", retentionPeriodHours: 0 });
  });

  it.each([
    { name: "no media streaming configured", instance: {}, reason: /feature not enabled/ },
    {
      name: "type not supported",
      instance: { unsupportedResourceTypes: ["MEDIA_STREAMS"] },
      reason: /does not support/,
    },
    { name: "creation failed", instance: { status: "CREATION_FAILED" }, reason: /failed to create/ },
  ])("$name → not-applicable", ({ instance, reason }) => {
    const [result] = evaluate(instance);
    expect(result?.status).toBe("not-applicable");
    expect(result?.reason).toMatch(reason);
  });

  it("says nothing when the MEDIA_STREAMS call failed", () => {
    expect(evaluate({ uncollectedResourceTypes: ["MEDIA_STREAMS"] })).toEqual([]);
  });
});
