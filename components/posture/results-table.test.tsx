import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { PageRow } from "@/components/findings/results-on-page";
import { EvidenceList, formatEvidence, ResultsTable } from "./results-table";

const POOL_ARN = "arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Xk82mPqR3";
const AS_OF = Date.parse("2026-12-02T10:00:00.000Z");

function row(overrides: Partial<PageRow>): PageRow {
  return {
    findingId: "0".repeat(32),
    status: "fail",
    resourceArn: POOL_ARN,
    resourceName: null,
    resourceType: "User pool",
    region: "us-east-1",
    tags: [],
    reason: "MFA is off.",
    firstSeen: null,
    mute: null,
    evidence: { mfaConfiguration: "OFF", allowedFirstAuthFactors: ["PASSWORD"], lastModified: null },
    ...overrides,
  };
}

function html(rows: PageRow[]): string {
  return renderToStaticMarkup(<ResultsTable rows={rows} asOf={AS_OF} />);
}

/** The rendered table as text, tags stripped, so assertions read like what a user sees. */
function visibleText(rows: PageRow[]): string {
  return html(rows)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

function evidenceText(evidenceRow: PageRow): string {
  return renderToStaticMarkup(<EvidenceList row={evidenceRow} />)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

describe("ResultsTable", () => {
  it("shows the resource's name first, its id and type beside it, and its tags", () => {
    const text = visibleText([
      row({ resourceName: "northwind-customers", tags: [{ key: "team", value: "identity" }] }),
    ]);
    expect(text).toMatch(/northwind-customers us-east-1_Xk82mPqR3 · User pool team=identity/);
  });

  it("falls back to the id, once, when no name is known", () => {
    const text = visibleText([row({})]);
    expect(text).toMatch(/ us-east-1_Xk82mPqR3 User pool /);
    // Not repeated as "id · type" under itself.
    expect(text).not.toContain("us-east-1_Xk82mPqR3 ·");
  });

  it("names a Region-level row by its Region, never as a bare *", () => {
    const text = visibleText([
      row({ resourceArn: "arn:aws:personalize:eu-west-1:111122223333:*", resourceType: "Region", region: "eu-west-1" }),
    ]);
    expect(text).toMatch(/ Region eu-west-1 \(account-level\) Region /);
    expect(text).not.toMatch(/ \* /);
  });

  it("keeps the full ARN one hover away", () => {
    expect(html([row({ resourceName: "northwind-customers" })])).toContain(`title="${POOL_ARN}"`);
  });

  it("says when a finding was first seen failing and for how long, to the scan shown", () => {
    const text = visibleText([row({ firstSeen: "2026-11-02T10:00:00.000Z" })]);
    expect(text).toMatch(/MFA is off\. First seen 2026-11-02 30 days /);
    expect(visibleText([row({ status: "pass", firstSeen: null })])).toMatch(/MFA is off\. — /);
  });

  it("marks a muted row and gives the mute's reason, owner and expiry", () => {
    const text = visibleText([
      row({
        mute: {
          id: "mute-aaaaaaaaaaaa",
          kind: "finding",
          reason: "Pool retired in January",
          owner: "identity-team",
          expiresAt: "2027-01-31T00:00:00.000Z",
        },
      }),
    ]);
    expect(text).toMatch(/Fail Muted /);
    expect(text).toMatch(/MFA is off\. Accepted risk \(identity-team, until 2027-01-31 ?\): Pool retired in January/);
    expect(visibleText([row({})])).not.toContain("Muted");
  });

  it("keeps the evidence closed behind a button named after the resource", () => {
    const markup = html([row({ resourceName: "northwind-customers" })]);
    expect(markup).toContain('aria-expanded="false"');
    expect(markup.replace(/<[^>]+>/g, " ")).toMatch(/Show\s+evidence for northwind-customers/);
    expect(markup).not.toContain("mfaConfiguration");
  });

  it("says so when nothing matches", () => {
    expect(visibleText([])).toContain("No resources match.");
  });
});

describe("EvidenceList", () => {
  it("lists the ARN, the field the row is about, then every evidence field as the verdict read it", () => {
    expect(evidenceText(row({ field: "mfa" }))).toContain(
      `resourceArn ${POOL_ARN} field mfa mfaConfiguration OFF allowedFirstAuthFactors PASSWORD lastModified —`,
    );
  });

  it("says the record holds no evidence rather than showing an empty list", () => {
    expect(evidenceText(row({ evidence: null }))).toContain("The snapshot record holds no evidence for this row.");
  });
});

describe("formatEvidence", () => {
  it("shows missing values, empty lists and lists distinctly", () => {
    expect(formatEvidence(null)).toBe("—");
    expect(formatEvidence([])).toBe("(none)");
    expect(formatEvidence(["a", "b"])).toBe("a, b");
    expect(formatEvidence(false)).toBe("false");
    expect(formatEvidence(0)).toBe("0");
  });
});
