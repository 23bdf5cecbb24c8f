/**
 * The OCSF export against the OCSF 1.3.0 Compliance Finding schema (generated from the ocsf-schema
 * repository, see schemas/ocsf-json-schema.mjs) and against the emission and lifecycle rules of
 * ocsf.ts: which verdicts are emitted, the finding status from the previous snapshot, the
 * requirements from the framework mappings, unique references.
 */
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { applyMutes } from "@/lib/posture/apply-mutes";
import { ACCOUNT, control, ec, exampleSnapshot, pool, user } from "@/lib/snapshot/fixtures";
import type { Mute } from "@/lib/snapshot/mute";
import type { Snapshot } from "@/lib/snapshot/schema";
import type { Sighting } from "@/lib/snapshot/store";
import { exportSnapshot } from "./export";
import { FINDING_STATUS, OCSF_VERSION, toOcsfEvents, type OcsfEvent } from "./ocsf";
import schema from "./schemas/ocsf-1.3.0-compliance-finding.schema.json";

// Strict, except that `required` inside the schema's `anyOf` constraints names properties declared one
// level up, which strictRequired cannot see.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(schema);

function problems(event: unknown): string[] {
  if (validate(event)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

const PREVIOUS_AT = "2026-11-20T10:05:00.000Z";
const NOW_AT = "2026-11-27T10:05:00.000Z";

/** The baseline account a week earlier. */
const previous = exampleSnapshot("week-1", PREVIOUS_AT);

/**
 * The same account now: one finding persists, one is fixed, one regressed, one resource is new in a
 * scanned Region, one is in a Region the earlier scan did not cover, one result could not be judged
 * (it was failing before), one new result could not be judged, one is not applicable.
 */
const current = exampleSnapshot("week-2", NOW_AT, (s) => {
  s.regions.push("sa-east-1");
  const byId = (id: string) => s.controls.find((c) => c.id === id)!;
  const rgAuth = byId("elasticache.rg-authentication");
  rgAuth.results.push(
    ...control(
      "x",
      "elasticache",
      "high",
      [],
      [
        { arn: ec("us-east-1", "replicationgroup", "ledger"), region: "us-east-1", status: "fail" },
        { arn: ec("sa-east-1", "replicationgroup", "pagos-br"), region: "sa-east-1", status: "fail" },
        { arn: ec("us-east-1", "cluster", "ephemeral"), region: "us-east-1", status: "not-applicable" },
      ],
    ).results,
  );
  const transit = byId("elasticache.rg-transit-encryption");
  transit.results[0]!.status = "pass"; // checkout: was fail
  transit.results[1]!.status = "fail"; // carts-eu: was pass
  const admins = byId("iam.admin-users-with-keys");
  admins.results[0]!.status = "error"; // platform-ops: was fail
  admins.results[0]!.evidence = { action: "iam:GetAccountAuthorizationDetails" };
  admins.results[1]!.status = "error"; // alice: was pass
});

function eventOf(events: OcsfEvent[], controlId: string, arn: string): OcsfEvent | undefined {
  return events.find((e) => e.compliance.control === controlId && e.resources[0]?.uid === arn);
}

describe("OCSF 1.3 schema", () => {
  it("is the pinned 1.3.0 Compliance Finding class", () => {
    expect(schema.$id).toBe(`https://schema.ocsf.io/${OCSF_VERSION}/classes/compliance_finding`);
    expect(schema.properties.class_uid).toEqual({ const: 2003 });
    // The finding status enum of 1.3.0 (Archived came later).
    expect(schema.properties.status_id.enum).toEqual([0, 1, 2, 3, 4, 99]);
    expect(schema.$defs.compliance.properties.status_id.enum).toEqual([0, 1, 2, 3, 99]);
  });

  const demo = demoSnapshot();
  const muted = applyMutes(current, [mute(current)], new Date(NOW_AT));
  it.each([
    ["the demo snapshot", demo, {}],
    ["the demo snapshot compared with itself a week earlier", demo, { previous: earlier(demo) }],
    ["a snapshot with new, persisting, fixed, error and muted results", muted, { previous }],
    ["the same without a previous snapshot, with first-seen times", muted, { sightings: sightingsOf(muted) }],
  ])("validates every event of %s", (_name, snapshot, options) => {
    const events = toOcsfEvents(snapshot, options);
    expect(events.length).toBeGreaterThan(0);
    const invalid = events.map((e) => ({ uid: e.finding_info.uid, problems: problems(e) }));
    expect(invalid.filter((e) => e.problems.length > 0)).toEqual([]);
  });

  const valid = toOcsfEvents(muted, { previous, sightings: sightingsOf(muted) })[0]!;
  it.each<[string, (e: Record<string, unknown>) => void]>([
    ["a severity caption that is not the id's", (e) => (e.severity = "Info")],
    ["an unknown attribute", (e) => (e.finding_status = "open")],
    ["a missing required attribute", (e) => delete e.metadata],
    ["a finding status outside the 1.3 enum (Archived is 1.4)", (e) => ((e.status_id = 5), (e.status = "Archived"))],
    ["a status that is not its id's caption", (e) => (e.status = "Open")],
    ["a type_uid of another class", (e) => (e.type_uid = 200401)],
    ["compliance without standards", (e) => delete (e.compliance as Record<string, unknown>).standards],
    [
      "a compliance status that is not its id's caption",
      (e) => ((e.compliance as { status: string }).status = "Failed"),
    ],
    ["requirements that are not a list", (e) => ((e.compliance as { requirements: unknown }).requirements = "SC-28")],
    ["a time as text", (e) => (e.time = NOW_AT)],
    ["a resource with neither name nor uid", (e) => (e.resources = [{ type: "Bucket" }])],
    [
      "an account type id that does not match its caption",
      (e) => ((e.cloud as { account: object }).account = { uid: ACCOUNT, type: "AWS Account", type_id: 3 }),
    ],
  ])("refuses an event with %s", (_name, breakIt) => {
    expect(problems(valid)).toEqual([]);
    const broken = structuredClone(valid) as Record<string, unknown>;
    breakIt(broken);
    expect(problems(broken).length).toBeGreaterThan(0);
  });
});

describe("what the OCSF export emits", () => {
  it("emits fail, warn and error results and never a not-applicable one", () => {
    const events = toOcsfEvents(current, { previous });
    const verdicts = new Set(events.map((e) => e.compliance.status_code));
    expect(verdicts).toEqual(new Set(["fail", "warn", "error", "pass"]));
    expect(eventOf(events, "elasticache.rg-authentication", ec("us-east-1", "cluster", "ephemeral"))).toBeUndefined();
    const open = current.controls
      .flatMap((c) => c.results)
      .filter((r) => r.status !== "pass" && r.status !== "not-applicable");
    expect(events.filter((e) => e.compliance.status_code !== "pass")).toHaveLength(open.length);
  });

  it("emits a pass only when it closes a finding open in the previous snapshot", () => {
    const events = toOcsfEvents(current, { previous });
    const passes = events.filter((e) => e.compliance.status_code === "pass");
    expect(passes.map((e) => e.resources[0]!.uid)).toEqual([ec("us-east-1", "replicationgroup", "checkout")]);
    expect(passes[0]).toMatchObject({
      status_id: 4,
      status: "Resolved",
      activity_id: 3,
      type_uid: 200303,
      compliance: { status_id: 1, status: "Pass" },
    });
    // Without a previous snapshot nothing says a pass closes anything.
    expect(toOcsfEvents(current).some((e) => e.compliance.status_code === "pass")).toBe(false);
  });

  const ACTIVITY = { new: 1, inProgress: 2, unknown: 0 } as const;
  const COMPLIANCE = { Fail: 3, Warning: 2, Error: 99 } as const;
  it.each([
    [
      "failing in both snapshots",
      "elasticache.rg-authentication",
      ec("us-east-1", "replicationgroup", "sessions-prod"),
      "inProgress",
      "Fail",
    ],
    [
      "passing before, failing now",
      "elasticache.rg-transit-encryption",
      ec("eu-west-1", "replicationgroup", "carts-eu"),
      "new",
      "Fail",
    ],
    [
      "absent before in a Region that was scanned",
      "elasticache.rg-authentication",
      ec("us-east-1", "replicationgroup", "ledger"),
      "new",
      "Fail",
    ],
    [
      "absent before in a Region the earlier scan did not cover",
      "elasticache.rg-authentication",
      ec("sa-east-1", "replicationgroup", "pagos-br"),
      "unknown",
      "Fail",
    ],
    ["a warning in both snapshots", "cognito.user-pool-mfa", pool("us-east-1", "Xk82"), "inProgress", "Warning"],
    ["failing before, not judged now", "iam.admin-users-with-keys", user("platform-ops"), "inProgress", "Error"],
    ["passing before, not judged now", "iam.admin-users-with-keys", user("alice"), "new", "Error"],
  ] as const)(
    "a finding %s: control %s, resource %s, is %s, compliance %s",
    (_name, controlId, arn, lifecycle, verdict) => {
      const event = eventOf(toOcsfEvents(current, { previous }), controlId, arn)!;
      expect(event).toBeDefined();
      expect({ status_id: event.status_id, status: event.status }).toEqual({
        status_id: FINDING_STATUS[lifecycle].id,
        status: FINDING_STATUS[lifecycle].name,
      });
      expect(event.compliance).toMatchObject({ status_id: COMPLIANCE[verdict], status: verdict });
      expect(event.activity_id).toBe(ACTIVITY[lifecycle]);
      expect(event.type_uid).toBe(200300 + ACTIVITY[lifecycle]);
    },
  );

  it("says why a finding is not known to be new", () => {
    const event = eventOf(
      toOcsfEvents(current, { previous }),
      "elasticache.rg-authentication",
      ec("sa-east-1", "replicationgroup", "pagos-br"),
    )!;
    expect(event.status_detail).toMatch(/^Not checked before\. .*sa-east-1/);
  });

  it("calls every open finding New when there is no previous snapshot, or only one of another account", () => {
    const other = exampleSnapshot("other", PREVIOUS_AT, (s) => {
      s.account.id = "999988887777";
    });
    for (const options of [{}, { previous: other }]) {
      const events = toOcsfEvents(current, options);
      expect(new Set(events.map((e) => e.status))).toEqual(new Set(["New"]));
    }
  });

  it("suppresses a muted finding whatever its history, with the mute's reason", () => {
    const target = eventOf(
      toOcsfEvents(current, { previous }),
      "elasticache.rg-authentication",
      ec("us-east-1", "replicationgroup", "sessions-prod"),
    )!;
    const events = toOcsfEvents(applyMutes(current, [mute(current)], new Date(NOW_AT)), { previous });
    const muted = events.find((e) => e.finding_info.uid === target.finding_info.uid)!;
    expect(muted).toMatchObject({
      status_id: 3,
      status: "Suppressed",
      activity_id: 2,
      comment: "Accepted until the Q1 migration",
      compliance: { status: "Fail" },
    });
    expect(muted.status_detail).toContain("owner payments");
  });

  it("gives first and last seen from the account's history when known", () => {
    const sessions = eventOf(
      toOcsfEvents(current),
      "elasticache.rg-authentication",
      ec("us-east-1", "replicationgroup", "sessions-prod"),
    )!;
    expect(sessions.finding_info.first_seen_time).toBeUndefined();
    const seen = new Map<string, Sighting>([[sessions.finding_info.uid, { firstSeen: PREVIOUS_AT, lastSeen: NOW_AT }]]);
    const withHistory = eventOf(
      toOcsfEvents(current, { sightings: seen }),
      "elasticache.rg-authentication",
      ec("us-east-1", "replicationgroup", "sessions-prod"),
    )!;
    expect(withHistory.finding_info).toMatchObject({
      first_seen_time: Date.parse(PREVIOUS_AT),
      last_seen_time: Date.parse(NOW_AT),
    });
  });
});

describe("compliance and remediation in the OCSF export", () => {
  const events = toOcsfEvents(demoSnapshot());

  it("lists the control's published framework requirements", () => {
    const transit = toOcsfEvents(current).find((e) => e.compliance.control === "elasticache.rg-transit-encryption")!;
    expect(transit.compliance.standards).toEqual([
      "AWS data protection guidance",
      "AWS Foundational Security Best Practices",
      "NIST SP 800-53 Rev. 5",
    ]);
    expect(transit.compliance.requirements).toContain("NIST SP 800-53 Rev. 5 SC-8(1)");
    expect(transit.compliance.requirements).toContain("AWS Foundational Security Best Practices ElastiCache.5");
    const rootKeys = events.find((e) => e.compliance.control === "xc.root-access-keys");
    if (rootKeys) {
      expect(rootKeys.compliance.requirements).toEqual(
        expect.arrayContaining([
          "CIS AWS Foundations Benchmark v3.0.0 1.4",
          "CIS AWS Foundations Benchmark v7.0.0 2.4",
        ]),
      );
    }
  });

  it("leaves requirements out for a control no published mapping covers", () => {
    const mfa = toOcsfEvents(current).find((e) => e.compliance.control === "cognito.user-pool-mfa")!;
    expect(mfa.compliance.standards).toEqual(["AWS data protection guidance"]);
    expect(mfa.compliance).not.toHaveProperty("requirements");
  });

  it("lists each reference URL once, the fix's page first", () => {
    const demo = demoSnapshot();
    const implicit = demo.controls.find((c) => c.id === "cognito.app-client-implicit-grant")!;
    // The case the tester saw: the remediation page is also the first documentation link.
    expect(implicit.docs).toContain(implicit.remediation.url);
    const event = events.find((e) => e.compliance.control === implicit.id)!;
    expect(event.remediation.references[0]).toBe(implicit.remediation.url);
    expect(event.remediation.desc).toBe(implicit.remediation.text);
    for (const e of events) expect(new Set(e.remediation.references).size).toBe(e.remediation.references.length);
  });
});

describe("OCSF through exportSnapshot", () => {
  it("passes the previous snapshot and the history on", async () => {
    const sessions = current.controls[0]!.results[0]!;
    const seen = new Map<string, Sighting>([[sessions.findingId, { firstSeen: PREVIOUS_AT, lastSeen: NOW_AT }]]);
    const file = await exportSnapshot(
      current,
      { format: "ocsf", scope: "snapshot" },
      previous,
      undefined,
      undefined,
      seen,
    );
    const events = JSON.parse(String(file.body)) as OcsfEvent[];
    const event = events.find((e) => e.finding_info.uid === sessions.findingId)!;
    expect(event).toMatchObject({ status: "In Progress", finding_info: { first_seen_time: Date.parse(PREVIOUS_AT) } });
    expect(events.every((e) => problems(e).length === 0)).toBe(true);
  });
});

function mute(snapshot: Snapshot): Mute {
  const target = snapshot.controls[0]!.results[0]!;
  return {
    id: "mute-find00000042",
    target: { kind: "finding", findingId: target.findingId },
    reason: "Accepted until the Q1 migration",
    owner: "payments",
    expiresAt: "2027-03-01T00:00:00.000Z",
    label: "sessions-prod",
    createdAt: "2026-11-26T09:00:00.000Z",
    createdBy: "alice",
    updatedAt: "2026-11-26T09:00:00.000Z",
    updatedBy: "alice",
  };
}

/** The snapshot a week earlier, with the same results: every open finding persists. */
function earlier(snapshot: Snapshot): Snapshot {
  const at = new Date(Date.parse(snapshot.finishedAt) - 7 * 86_400_000).toISOString();
  return { ...snapshot, id: `${snapshot.id}-earlier`, startedAt: at, finishedAt: at };
}

function sightingsOf(snapshot: Snapshot): Map<string, Sighting> {
  const seen = new Map<string, Sighting>();
  for (const c of snapshot.controls)
    for (const r of c.results)
      if (r.status === "fail" || r.status === "warn")
        seen.set(r.findingId, { firstSeen: PREVIOUS_AT, lastSeen: snapshot.finishedAt });
  return seen;
}
