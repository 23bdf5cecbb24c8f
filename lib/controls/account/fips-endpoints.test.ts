import { describe, expect, it } from "vitest";
import type { Inventory, ServiceId } from "@/lib/inventory";
import { accountLoggingInventory, tlsObservation, tlsSample } from "@/lib/inventory/builders";
import { control } from "./fips-endpoints";
import { FIPS_SERVICES } from "./fips-endpoints-data";

const now = new Date("2026-06-01T00:00:00Z");

function evaluate(services: ServiceId[], regions: string[], extra: Partial<Inventory> = {}, useFipsEndpoint = false) {
  const inventory = accountLoggingInventory(
    { scanner: { useFipsEndpoint, homeRegion: "us-east-1" } },
    { services, regions, ...extra },
  );
  return control.evaluate(inventory, { now });
}

function row(results: ReturnType<typeof evaluate>, service: string, region: string) {
  return results.find((r) => r.evidence.service === service && r.region === region);
}

describe("xc.fips-endpoints", () => {
  it.each([
    { service: "elasticache", region: "us-east-1", host: "elasticache-fips.us-east-1.amazonaws.com" },
    { service: "elasticache", region: "eu-west-1", host: null },
    { service: "cognito-idp", region: "us-west-2", host: "cognito-idp-fips.us-west-2.amazonaws.com" },
    { service: "cognito-identity", region: "us-east-2", host: "cognito-identity-fips.us-east-2.amazonaws.com" },
    { service: "connect", region: "ca-central-1", host: "connect-fips.ca-central-1.amazonaws.com" },
    { service: "personalize", region: "us-east-1", host: null },
    { service: "sts", region: "us-west-1", host: "sts-fips.us-west-1.amazonaws.com" },
    { service: "iam", region: "global", host: "iam-fips.amazonaws.com" },
    { service: "cloudtrail", region: "us-east-1", host: "cloudtrail-fips.us-east-1.amazonaws.com" },
    { service: "macie2", region: "eu-west-1", host: null },
    { service: "kms", region: "eu-west-1", host: "kms-fips.eu-west-1.amazonaws.com" },
  ])("$service in $region: FIPS endpoint $host, verdict pass", ({ service, region, host }) => {
    const results = evaluate(
      ["account", "iam", "elasticache", "cognito", "personalize", "connect"],
      [region === "global" ? "us-east-1" : region],
    );
    const result = row(results, service, region);
    expect(result?.status).toBe("pass");
    expect(result?.evidence).toMatchObject({ fipsEndpointAvailable: host !== null, fipsEndpoint: host });
    expect(result?.reason).toContain(host ? `FIPS endpoint ${host} is available` : "no FIPS endpoint is listed");
  });

  it("makes one row per (service, scanned Region) and one for global IAM", () => {
    const results = evaluate(["iam", "elasticache"], ["us-east-1", "eu-west-1"]);
    // Services in SERVICE_IDS order (their descriptors'), each service's endpoints in its own order.
    expect(results.map((r) => `${r.evidence.service}@${r.region}`)).toEqual([
      "iam@global",
      "sts@us-east-1",
      "sts@eu-west-1",
      "elasticache@us-east-1",
      "elasticache@eu-west-1",
    ]);
    expect(row(results, "iam", "global")?.resourceArn).toBe("arn:aws:iam::111122223333:fips-endpoint");
    expect(row(results, "sts", "eu-west-1")?.resourceArn).toBe("arn:aws:sts:eu-west-1:111122223333:fips-endpoint");
  });

  it("covers CloudTrail, Macie and KMS under the account service", () => {
    const results = evaluate(["account"], ["us-east-1"]);
    expect(results.map((r) => r.evidence.service)).toEqual(["cloudtrail", "macie2", "kms"]);
  });

  it("marks a service not offered in a Region not-applicable, never fail", () => {
    const results = evaluate(["personalize", "connect", "account"], ["eu-west-3"]);
    expect(row(results, "personalize", "eu-west-3")?.status).toBe("not-applicable");
    expect(row(results, "connect", "eu-west-3")?.reason).toMatch(/Amazon Connect is not offered in eu-west-3/);
    expect(row(results, "macie2", "eu-west-3")?.status).toBe("pass");
    const all = evaluate(
      ["account", "iam", "elasticache", "cognito", "personalize", "connect"],
      ["us-east-1", "eu-west-3", "ap-south-2"],
    );
    expect(new Set(all.map((r) => r.status))).toEqual(new Set(["pass", "not-applicable"]));
  });

  it("uses the GovCloud endpoints in the aws-us-gov partition", () => {
    const results = evaluate(["elasticache", "iam", "connect"], ["us-gov-west-1"], {
      account: { id: "111122223333", partition: "aws-us-gov" },
    });
    expect(row(results, "elasticache", "us-gov-west-1")?.evidence.fipsEndpoint).toBe(
      "elasticache.us-gov-west-1.amazonaws.com",
    );
    expect(row(results, "iam", "global")?.evidence.fipsEndpoint).toBe("iam.us-gov.amazonaws.com");
    expect(row(results, "connect", "us-gov-west-1")?.status).toBe("pass");
  });

  it("says whether the scanner itself uses FIPS endpoints", () => {
    expect(row(evaluate(["elasticache"], ["us-east-1"], {}, true), "elasticache", "us-east-1")).toMatchObject({
      evidence: { scannerUsesFips: true },
      reason: expect.stringContaining("scanner uses FIPS: yes"),
    });
    expect(row(evaluate(["elasticache"], ["us-east-1"]), "elasticache", "us-east-1")?.reason).toContain(
      "scanner uses FIPS: no",
    );
  });

  it("counts distinct callers seen on FIPS endpoints in the TLS sample", () => {
    const fipsHost = "elasticache-fips.us-east-1.amazonaws.com";
    const samples = [
      tlsSample({
        observations: [
          tlsObservation({ clientProvidedHostHeader: fipsHost, caller: "arn:aws:iam::111122223333:user/a•••" }),
          tlsObservation({ clientProvidedHostHeader: fipsHost, caller: "arn:aws:iam::111122223333:user/a•••" }),
          tlsObservation({ clientProvidedHostHeader: fipsHost, caller: "arn:aws:iam::111122223333:user/b•••" }),
          tlsObservation({ clientProvidedHostHeader: "elasticache.us-east-1.amazonaws.com" }),
        ],
      }),
    ];
    const inventory = accountLoggingInventory(
      { tlsSamples: samples },
      { services: ["elasticache"], regions: ["us-east-1", "us-east-2"] },
    );
    const results = control.evaluate(inventory, { now });
    expect(row(results, "elasticache", "us-east-1")).toMatchObject({
      evidence: { observedFipsCallers: 2 },
      reason: expect.stringContaining("observed FIPS callers: 2"),
    });
    // No sample for us-east-2: unknown, not zero.
    expect(row(results, "elasticache", "us-east-2")).toMatchObject({
      evidence: { observedFipsCallers: null },
      reason: expect.stringContaining("observed FIPS callers: not sampled"),
    });
  });

  it("counts IAM callers from its us-east-1 sample on the global row", () => {
    const samples = [
      tlsSample({
        eventSource: "iam.amazonaws.com",
        observations: [
          tlsObservation({ eventSource: "iam.amazonaws.com", clientProvidedHostHeader: "iam-fips.amazonaws.com" }),
        ],
      }),
    ];
    const inventory = accountLoggingInventory({ tlsSamples: samples }, { services: ["iam"], regions: ["eu-west-1"] });
    expect(row(control.evaluate(inventory, { now }), "iam", "global")?.evidence.observedFipsCallers).toBe(1);
  });

  it("keeps every FIPS hostname well-formed", () => {
    for (const service of FIPS_SERVICES) {
      for (const hosts of Object.values(service.fipsEndpoints)) {
        for (const host of Object.values(hosts)) expect(host).toMatch(/^[a-z0-9.-]+\.amazonaws\.com$/);
      }
    }
  });
});
