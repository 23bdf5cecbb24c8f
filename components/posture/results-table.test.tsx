import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SnapshotResult } from "@/lib/snapshot/schema";
import { ResultsTable } from "./results-table";

const POOL_ARN = "arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Xk82mPqR3";

function result(overrides: Partial<SnapshotResult>): SnapshotResult {
  return {
    findingId: "0".repeat(32),
    resourceArn: POOL_ARN,
    resourceType: "User pool",
    region: "us-east-1",
    status: "fail",
    reason: "MFA is off.",
    evidence: {},
    ...overrides,
  };
}

/** The rendered table as text, tags stripped, so assertions read like what a user sees. */
function visibleText(results: SnapshotResult[]): string {
  return renderToStaticMarkup(<ResultsTable results={results} />)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

describe("ResultsTable", () => {
  it("shows the resource's name first, its id and type beside it, and its tags", () => {
    const text = visibleText([result({ name: "northwind-customers", tags: [{ key: "team", value: "identity" }] })]);
    expect(text).toMatch(/northwind-customers us-east-1_Xk82mPqR3 · User pool team=identity/);
  });

  it("falls back to the id, once, when no name is known", () => {
    const text = visibleText([result({})]);
    expect(text).toMatch(/ us-east-1_Xk82mPqR3 User pool /);
    // Not repeated as "id · type" under itself.
    expect(text).not.toContain("us-east-1_Xk82mPqR3 ·");
  });

  it("keeps the full ARN one hover away", () => {
    const html = renderToStaticMarkup(<ResultsTable results={[result({ name: "northwind-customers" })]} />);
    expect(html).toContain(`title="${POOL_ARN}"`);
  });
});
