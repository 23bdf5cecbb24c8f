import { describe, expect, it } from "vitest";
import {
  describeTarget,
  expiryProblem,
  muteFor,
  muteHistory,
  muteInputSchema,
  mutePatchSchema,
  muteState,
  newMuteId,
  patternRegExp,
  storedMute,
  targetMatches,
  wasActiveAt,
  type MutableResult,
  type Mute,
} from "./mute";

const ARN = "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:sessions-prod";
const result: MutableResult = {
  findingId: "a".repeat(32),
  accountId: "123456789012",
  controlId: "elasticache.rg-authentication",
  region: "us-east-1",
  resourceArn: ARN,
  tags: [
    { key: "owner", value: "payments" },
    { key: "aws:cloudformation:stack-name", value: "pay:prod" },
  ],
  status: "fail",
};

function mute(id: string, target: Mute["target"], overrides: Partial<Mute> = {}): Mute {
  return {
    id,
    target,
    reason: "Accepted",
    owner: "payments",
    expiresAt: "2027-03-01T00:00:00.000Z",
    createdAt: "2026-12-01T00:00:00.000Z",
    createdBy: "alice",
    updatedAt: "2026-12-01T00:00:00.000Z",
    updatedBy: "alice",
    ...overrides,
  };
}

describe("mute targets", () => {
  it("matches a resource pattern on the whole ARN, case-sensitively, with only * as a wildcard", () => {
    expect(patternRegExp("arn:aws:elasticache:*:replicationgroup:sessions-*").test(ARN)).toBe(true);
    expect(patternRegExp("*sessions-prod").test(ARN)).toBe(true);
    expect(patternRegExp("sessions-prod").test(ARN)).toBe(false);
    expect(patternRegExp("*SESSIONS-PROD").test(ARN)).toBe(false);
    // "." and "?" are literal, not regular-expression or glob wildcards.
    expect(patternRegExp("arn:aws:elasticache:us.east.1*").test(ARN)).toBe(false);
    expect(patternRegExp("arn:aws:elasticache:us?east?1*").test(ARN)).toBe(false);
  });

  it("requires every criterion of a rule, and a tag as a key or a whole key:value pair", () => {
    const rule = { kind: "rule", controlId: "elasticache.rg-authentication" } as const;
    expect(targetMatches(rule, result)).toBe(true);
    expect(targetMatches({ ...rule, controlId: "elasticache.rg-transit-encryption" }, result)).toBe(false);
    expect(targetMatches({ ...rule, region: "eu-west-1" }, result)).toBe(false);
    expect(targetMatches({ ...rule, accountId: "444455556666" }, result)).toBe(false);
    expect(targetMatches({ ...rule, tag: "owner" }, result)).toBe(true);
    expect(targetMatches({ ...rule, tag: "owner:payments" }, result)).toBe(true);
    expect(targetMatches({ ...rule, tag: "owner:pay" }, result)).toBe(false);
    expect(targetMatches({ ...rule, tag: "aws:cloudformation:stack-name:pay:prod" }, result)).toBe(true);
    expect(targetMatches({ kind: "finding", findingId: "a".repeat(32) }, result)).toBe(true);
    expect(targetMatches({ kind: "finding", findingId: "b".repeat(32) }, result)).toBe(false);
  });

  it("mutes only failures and warnings, preferring a finding mute, then the longest, then the oldest", () => {
    const rule = mute(
      "mute-rule00000001",
      { kind: "rule", controlId: result.controlId },
      { expiresAt: "2027-09-01T00:00:00.000Z" },
    );
    const finding = mute("mute-find00000001", { kind: "finding", findingId: result.findingId });
    expect(muteFor(result, [rule, finding])?.id).toBe(finding.id);
    expect(muteFor({ ...result, status: "warn" }, [rule])?.id).toBe(rule.id);
    for (const status of ["error", "pass", "not-applicable"] as const)
      expect(muteFor({ ...result, status }, [rule, finding]), status).toBeUndefined();
    const shorter = mute("mute-rule00000002", rule.target, { expiresAt: "2027-01-01T00:00:00.000Z" });
    expect(muteFor(result, [shorter, rule])?.id).toBe(rule.id);
  });

  it("describes what a mute covers in words", () => {
    expect(describeTarget({ kind: "rule", controlId: "iam.root-mfa", region: "global", tag: "env:sandbox" })).toBe(
      "Control iam.root-mfa, Region global, tag env:sandbox",
    );
    expect(describeTarget({ kind: "finding", findingId: "a".repeat(32) }, "sessions-prod · rg-authentication")).toBe(
      "Finding: sessions-prod · rg-authentication",
    );
  });
});

describe("mute lifetime", () => {
  const now = new Date("2026-12-02T12:00:00.000Z");

  it("accepts an expiry in the future and at most 366 days ahead", () => {
    expect(expiryProblem("2027-06-01T00:00:00Z", now)).toBeUndefined();
    expect(expiryProblem("2026-12-02T11:59:59Z", now)).toMatch(/in the future/);
    expect(expiryProblem("2027-12-03T12:00:01Z", now)).toMatch(/at most 366 days/);
    expect(expiryProblem("2027-12-03T12:00:00Z", now)).toBeUndefined();
  });

  it("lapses by itself at the expiry, and says when it was in force", () => {
    const m = mute("mute-aaaaaaaaaaaa", { kind: "finding", findingId: result.findingId });
    expect(muteState(m, now)).toBe("active");
    expect(muteState(m, new Date("2027-03-01T00:00:00.000Z"))).toBe("expired");
    expect(muteState({ ...m, liftedAt: "2026-12-02T00:00:00.000Z" }, now)).toBe("lifted");
    expect(wasActiveAt(m, new Date("2026-11-30T00:00:00.000Z"))).toBe(false);
    expect(wasActiveAt(m, now)).toBe(true);
    expect(wasActiveAt({ ...m, liftedAt: "2026-12-02T00:00:00.000Z" }, now)).toBe(false);
    const history = muteHistory(
      m,
      [{ muteId: m.id, at: m.createdAt, actor: "alice", action: "created" }],
      new Date("2027-04-01T00:00:00Z"),
    );
    expect(history.map((e) => [e.action, e.actor, e.at])).toEqual([
      ["created", "alice", m.createdAt],
      ["expired", "Safekeep", m.expiresAt],
    ]);
  });
});

describe("mute input", () => {
  const valid = {
    target: { kind: "rule", controlId: "elasticache.rg-authentication", resourcePattern: "*:sessions-*" },
    reason: "Replaced by the new cluster in Q1",
    owner: "payments",
    expiresAt: "2027-03-01T00:00:00Z",
  };

  it("requires a reason, an owner and an expiry, and refuses unknown fields", () => {
    expect(muteInputSchema.safeParse(valid).success).toBe(true);
    for (const field of ["reason", "owner", "expiresAt", "target"]) {
      const { [field]: _gone, ...rest } = valid as Record<string, unknown>;
      expect(muteInputSchema.safeParse(rest).success, field).toBe(false);
    }
    expect(muteInputSchema.safeParse({ ...valid, reason: "   " }).success).toBe(false);
    expect(muteInputSchema.safeParse({ ...valid, reason: "ok\u0000" }).success).toBe(false);
    expect(muteInputSchema.safeParse({ ...valid, status: "pass" }).success).toBe(false);
    expect(muteInputSchema.safeParse({ ...valid, target: { kind: "finding", findingId: "xyz" } }).success).toBe(false);
    expect(muteInputSchema.safeParse({ ...valid, target: { kind: "rule" } }).success).toBe(false);
    expect(mutePatchSchema.safeParse({}).success).toBe(false);
    expect(mutePatchSchema.safeParse({ owner: "identity" }).success).toBe(true);
    expect(mutePatchSchema.safeParse({ target: valid.target }).success).toBe(false);
  });

  it("makes ids of the stored form, and reports a stored record that no longer reads as a mute", () => {
    expect(newMuteId()).toMatch(/^mute-[a-z0-9]{12}$/);
    const problems: string[] = [];
    expect(storedMute('{"id":"mute-aaaaaaaaaaaa","reason":1}', (id) => problems.push(id))).toEqual([]);
    expect(problems).toEqual(["mute-aaaaaaaaaaaa"]);
  });
});
