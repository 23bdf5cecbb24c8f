import { pdfText } from "@/test-support/pdf-text";
import { describe, expect, it } from "vitest";
import { parseFindingsQuery, type FindingItem } from "@/lib/snapshot/findings-query";
import { capLabel, renderFindingsPdf, truncateReason } from "./findings-pdf";

describe("truncateReason and capLabel", () => {
  it.each([
    ["Replication group carts-eu has no AUTH token.", 220, "Replication group carts-eu has no AUTH token."],
    ["one two three four five six", 20, "one two three four…"],
    // No space late enough: cut inside the word rather than drop most of the allowance.
    ["arn:aws:iam::123456789012:user/platform-ops is an administrator", 30, "arn:aws:iam::123456789012:use…"],
  ])("%j at %i → %j", (reason, max, expected) => {
    const cut = truncateReason(reason, max);
    expect(cut).toBe(expected);
    expect(cut.length).toBeLessThanOrEqual(max);
  });

  it("labels only a capped view, with counts as people read them", () => {
    expect(capLabel(500, 12_345)).toBe("Showing 500 of 12,345 findings; export CSV or JSON for all.");
    expect(capLabel(37, 37)).toBeUndefined();
  });
});

describe("renderFindingsPdf", () => {
  it(
    "prints the view's rows with the muted mark, and no cap label when every row fits",
    { timeout: 60_000 },
    async () => {
      const parsed = parseFindingsQuery(new URLSearchParams("snapshot=demo&service=cognito"));
      if (!parsed.ok) throw new Error("unparsable");
      const row = (n: number, overrides: Partial<FindingItem> = {}): FindingItem => ({
        findingId: n.toString(16).padStart(32, "0"),
        snapshotId: "demo",
        accountId: "111122223333",
        accountName: null,
        service: "cognito",
        controlId: "cognito.user-pool-mfa",
        controlTitle: "User pools require MFA",
        severity: "high",
        status: "fail",
        region: "eu-west-1",
        resourceArn: `arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_Pool${n}`,
        resourceName: `customers-${n}`,
        tags: [],
        reason: `User pool customers-${n} does not require MFA. ${"Sign-in relies on passwords alone. ".repeat(10)}`,
        firstSeen: "2026-11-20T10:05:00.000Z",
        mute: null,
        controlIncomplete: false,
        ...overrides,
      });
      const items = [
        row(1),
        row(2, {
          status: "warn",
          mute: {
            id: "mute-abcdefabcdef",
            kind: "finding",
            reason: "Retired pool",
            owner: "identity",
            expiresAt: "2027-01-31T00:00:00.000Z",
          },
        }),
      ];
      const pdf = await renderFindingsPdf({
        request: parsed.request,
        generatedAt: new Date("2026-11-28T09:30:00.000Z"),
        snapshots: [{ id: "demo", source: "demo", accountId: "111122223333", finishedAt: "2026-11-27T10:05:00.000Z" }],
        total: 2,
        items,
      });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const raw = pdfText(pdf);
      if (raw === undefined) return;
      // Long lines wrap: compare words, not line breaks.
      const text = raw.replace(/\s+/g, " ");
      expect(text).toContain("Safekeep findings — status Fail, Warning or Error; Amazon Cognito; snapshot demo");
      expect(text).toContain("DEMO DATA");
      expect(text).toContain("2026-11-28 09:30:00 UTC");
      expect(text).not.toContain("Showing ");
      expect(text).toContain("! Warning");
      expect(text).toContain("Muted");
      expect(text).toContain("until 2027-01-31");
      expect(text).toContain("customers-1");
      // The long reason is cut with an ellipsis, not printed whole.
      expect(text).toContain("…");
      expect(text.split("Sign-in relies on passwords alone.").length - 1).toBeLessThan(20);
    },
  );
});
