/**
 * Exports of a snapshot read with mutes applied: every format says which findings are muted, and the
 * PDF lists the mutes in force.
 */
import { describe, expect, it } from "vitest";
import { pdfText } from "@/test-support/pdf-text";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { applyMutes } from "@/lib/posture/apply-mutes";
import type { Mute } from "@/lib/snapshot/mute";
import { snapshotSchema } from "@/lib/snapshot/schema";
import { exportSnapshot } from "./export";
import { toOcsfEvents } from "./ocsf";

const NOW = new Date("2026-12-02T12:00:00.000Z");
const base = demoSnapshot();
const control = base.controls.find((c) => c.results.some((r) => r.status === "fail"))!;
const failing = control.results.find((r) => r.status === "fail")!;
const mutes: Mute[] = [
  {
    id: "mute-find00000001",
    target: { kind: "finding", findingId: failing.findingId },
    reason: "Decommissioned with the Q1 migration",
    owner: "payments",
    expiresAt: "2027-03-01T00:00:00.000Z",
    label: "the demo finding",
    createdAt: "2026-12-01T09:00:00.000Z",
    createdBy: "alice",
    updatedAt: "2026-12-01T09:00:00.000Z",
    updatedBy: "alice",
  },
  {
    id: "mute-rule00000001",
    target: { kind: "rule", controlId: "iam.root-mfa", accountId: "444455556666" },
    reason: "Break-glass account, reviewed quarterly",
    owner: "security",
    expiresAt: "2027-01-15T00:00:00.000Z",
    createdAt: "2026-12-01T10:00:00.000Z",
    createdBy: "bob",
    updatedAt: "2026-12-01T10:00:00.000Z",
    updatedBy: "bob",
  },
];
const snapshot = applyMutes(base, mutes, NOW);

describe("exports with mutes", () => {
  it("OCSF: a muted finding is Suppressed with the mute's reason as the comment; the others are New", () => {
    const events = toOcsfEvents(snapshot) as {
      finding_info: { uid: string };
      status_id: number;
      status: string;
      comment?: string;
      status_detail?: string;
    }[];
    const muted = events.filter((e) => e.status_id === 3);
    expect(muted.map((e) => e.finding_info.uid)).toEqual([failing.findingId]);
    expect(muted[0]).toMatchObject({
      status: "Suppressed",
      comment: "Decommissioned with the Q1 migration",
      status_detail: expect.stringContaining("until 2027-03-01T00:00:00.000Z, owner payments"),
    });
    expect(events.filter((e) => e.status_id === 1)).toHaveLength(events.length - 1);
  });

  it("JSON: the snapshot carries the marks, the scores before mutes, and still parses as a snapshot", async () => {
    const file = await exportSnapshot(snapshot, { format: "json", scope: "snapshot" });
    const parsed = snapshotSchema.parse(JSON.parse(String(file.body)));
    expect(parsed.mutes).toEqual({ asOf: NOW.toISOString(), muted: 1, scoreBeforeMutes: base.score });
    const result = parsed.controls.flatMap((c) => c.results).find((r) => r.findingId === failing.findingId);
    expect(result?.mute).toMatchObject({ id: "mute-find00000001", owner: "payments" });
    expect(result?.status).toBe("fail");
  });

  it(
    "PDF: the muted row says so, the cover says what left the score, and an appendix lists every mute in force",
    { timeout: 60_000 },
    async () => {
      const file = await exportSnapshot(snapshot, { format: "pdf", scope: "snapshot" }, undefined, mutes);
      const text = pdfText(file.body as Buffer, { flat: true });
      if (text === undefined) return; // pdftotext (poppler-utils) is installed by npm test's setup
      expect(text).toContain("1 muted finding left out of the score");
      expect(text).toContain("Appendix: mutes in force");
      expect(text).toContain("Finding: the demo finding");
      expect(text).toContain("Control iam.root-mfa, account 444455556666");
      expect(text).toContain("Break-glass account, reviewed quarterly");
      expect(text).toMatch(/1 finding of this report/);
      expect(text).toMatch(/0 findings of this report/);
      expect(text).toContain("Muted until 2027-03-01");
    },
  );
});

describe("snapshot CSV with mutes", () => {
  it("carries each result's mute state and the mute's reason, owner and expiry", async () => {
    const { parse } = await import("csv-parse/sync");
    const file = await exportSnapshot(snapshot, { format: "csv", scope: "results" });
    const rows = parse(String(file.body), { columns: true }) as Record<string, string>[];
    const muted = rows.filter((r) => r.muted === "yes");
    expect(muted).toHaveLength(1);
    expect(muted[0]).toMatchObject({
      resourceArn: failing.resourceArn,
      status: "fail",
      muteReason: "Decommissioned with the Q1 migration",
      muteOwner: "payments",
      muteExpires: "2027-03-01T00:00:00.000Z",
    });
    expect(rows.filter((r) => r.muted === "no")).toHaveLength(rows.length - 1);
  });
});
