import { describe, expect, it } from "vitest";
import type { CollectionError, TlsObservation } from "@/lib/inventory";
import { accountLoggingInventory, tlsObservation, tlsSample } from "@/lib/inventory/builders";
import { evaluateInventory } from "@/lib/posture/evaluate";
import { control, isLegacyTls } from "./tls-client-versions";

const now = new Date("2026-06-01T00:00:00Z");

/** A call that failed in `region`, as a collector records it. */
function failedCall(action: string, region = "us-east-1"): CollectionError {
  return { service: "account", region, action, kind: "access-denied", message: `not authorized to perform ${action}` };
}

function evaluate(observations: TlsObservation[]) {
  return control.evaluate(accountLoggingInventory({ tlsSamples: [tlsSample({ observations })] }), { now });
}

const legacyCall = (tlsVersion: string, caller = "arn:aws:iam::111122223333:user/l•••") =>
  tlsObservation({ tlsVersion, caller, userAgent: "aws-sdk-java/1.11.0 Java_HotSpot/1.7" });

describe("xc.tls-client-versions", () => {
  it.each([
    {
      name: "TLS 1.3 and 1.2 only",
      observations: [tlsObservation(), tlsObservation({ tlsVersion: "TLSv1.2" })],
      status: "pass",
      reason: /All 2 sampled elasticache\.amazonaws\.com in us-east-1 calls used TLS 1\.2 or later/,
    },
    {
      name: "a TLS 1.0 caller",
      observations: [tlsObservation(), legacyCall("TLSv1")],
      status: "warn",
      reason:
        /1 of 2 sampled elasticache\.amazonaws\.com in us-east-1 calls used TLSv1, from arn:aws:iam::111122223333:user\/l••• with user agent aws-sdk-java/,
    },
    { name: "a TLS 1.1 caller", observations: [legacyCall("TLSv1.1")], status: "warn", reason: /used TLSv1\.1/ },
    {
      name: "a legacy caller without identity",
      observations: [tlsObservation({ tlsVersion: "TLSv1", caller: undefined, userAgent: undefined })],
      status: "warn",
      reason: /from unidentified callers\.$/,
    },
    {
      name: "no events with TLS details",
      observations: [],
      status: "not-applicable",
      reason: /No recent elasticache\.amazonaws\.com in us-east-1 events with TLS details/,
    },
  ])("$name → $status", ({ observations, status, reason }) => {
    const results = evaluate(observations);
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe(status);
    expect(results[0]?.reason).toMatch(reason);
  });

  it.each([
    ["TLSv1", true],
    ["TLSv1.1", true],
    ["SSLv3", true],
    ["TLSv1.2", false],
    ["TLSv1.3", false],
  ])("%s is legacy: %s", (version, legacy) => {
    expect(isLegacyTls(version)).toBe(legacy);
  });

  it("lists masked callers and user agents as evidence, and only those", () => {
    const [result] = evaluate([
      legacyCall("TLSv1", "arn:aws:iam::111122223333:user/a•••"),
      legacyCall("TLSv1.1", "arn:aws:iam::111122223333:user/b•••"),
      tlsObservation({ caller: "arn:aws:iam::111122223333:user/m•••" }),
    ]);
    expect(result).toMatchObject({
      resourceArn: "arn:aws:cloudtrail:us-east-1:111122223333:event-source/elasticache.amazonaws.com",
      resourceType: "Event source",
      region: "us-east-1",
      evidence: {
        sampledEvents: 3,
        tlsVersions: ["TLSv1", "TLSv1.1", "TLSv1.3"],
        legacyTlsEvents: 2,
        legacyCallers: ["arn:aws:iam::111122223333:user/a•••", "arn:aws:iam::111122223333:user/b•••"],
        legacyUserAgents: ["aws-sdk-java/1.11.0 Java_HotSpot/1.7"],
      },
    });
    expect(result?.reason).toMatch(/used TLSv1\/TLSv1\.1/);
  });

  it("summarises long caller lists in the reason", () => {
    const callers = ["a", "b", "c", "d", "e"].map((c) => legacyCall("TLSv1", `arn:aws:iam::111122223333:user/${c}•••`));
    const [result] = evaluate(callers);
    expect(result?.reason).toMatch(/user\/c••• and 2 more/);
  });

  it("reports each sampled source and Region separately", () => {
    const inventory = accountLoggingInventory({
      tlsSamples: [
        tlsSample({ eventSource: "iam.amazonaws.com" }),
        tlsSample({ eventSource: "connect.amazonaws.com", region: "eu-west-2", observations: [] }),
      ],
    });
    const results = control.evaluate(inventory, { now });
    expect(results.map((r) => [r.region, r.status])).toEqual([
      ["us-east-1", "pass"],
      ["eu-west-2", "not-applicable"],
    ]);
  });

  it("yields nothing when no sample was taken", () => {
    expect(control.evaluate(accountLoggingInventory({}), { now })).toEqual([]);
    expect(control.evaluate(accountLoggingInventory({ tlsSamples: [] }), { now })).toEqual([]);
  });
});

describe("xc.tls-client-versions when a call failed", () => {
  const samples = [
    tlsSample({ eventSource: "elasticache.amazonaws.com", region: "us-east-1" }),
    tlsSample({ eventSource: "connect.amazonaws.com", region: "eu-west-2" }),
  ];
  const outcome = (...errors: CollectionError[]) =>
    evaluateInventory({ ...accountLoggingInventory({ tlsSamples: samples }), errors }, [control], { now })[0]!;

  it.each(["cognito-idp:ListUserPools", "cognito-idp:DescribeUserPool", "personalize:ListDatasetGroups"])(
    "%s (it decides where to sample): keeps the samples taken, adds an error row, marks it incomplete",
    (action) => {
      const judged = outcome(failedCall(action));
      expect(judged.results.map((r) => [r.region, r.status])).toEqual([
        ["us-east-1", "pass"],
        ["eu-west-2", "pass"],
        ["us-east-1", "error"],
      ]);
      expect(judged.incomplete).toEqual({ resources: 1, regions: ["us-east-1"] });
    },
  );

  it("cloudtrail:LookupEvents: the samples of that Region only cannot be judged", () => {
    const judged = outcome(failedCall("cloudtrail:LookupEvents"));
    expect(judged.results.map((r) => [r.region, r.status])).toEqual([
      ["us-east-1", "error"],
      ["eu-west-2", "pass"],
      ["us-east-1", "error"],
    ]);
  });
});
