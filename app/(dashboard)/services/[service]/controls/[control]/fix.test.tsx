import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { PageRow } from "@/components/findings/results-on-page";
import { ControlFix, RowFixes } from "./fix";

function row(overrides: Partial<PageRow>): PageRow {
  return {
    findingId: "f1",
    status: "fail",
    resourceArn: "arn:aws:elasticache:us-east-1:210987654321:replicationgroup:catalog-prod",
    resourceName: "catalog-prod",
    resourceType: "Replication group",
    region: "us-east-1",
    tags: [],
    reason: "catalog-prod accepts plaintext connections.",
    firstSeen: null,
    mute: null,
    evidence: { transitEncryptionEnabled: false },
    ...overrides,
  };
}

/** The text of the page as a reader sees it (entities decoded). */
const text = (html: string) => html.replaceAll("&#x27;", "'").replaceAll("&quot;", '"').replaceAll("&amp;", "&");

describe("ControlFix", () => {
  it("shows the control's snippets once, with placeholders and the review notice", () => {
    const html = text(
      renderToStaticMarkup(<ControlFix controlId="elasticache.rg-transit-encryption" responsibility="customer" />),
    );
    expect(html).toContain("Can be fixed in place.");
    expect(html).toContain("--replication-group-id REPLICATION_GROUP_ID");
    expect(html).toContain("Suggested fix: review it");
    expect(html).toContain('resource "aws_elasticache_replication_group"');
  });

  it("says when there is no in-place fix, and gives the path", () => {
    const html = text(renderToStaticMarkup(<ControlFix controlId="connect.identity-mfa" responsibility="customer" />));
    expect(html).toContain("No in-place fix.");
    expect(html).toContain("Create a new instance with SAML 2.0 federation");
    expect(html).not.toContain("<pre");
  });

  it("says there is nothing to fix for AWS's side of the shared responsibility model", () => {
    const html = text(
      renderToStaticMarkup(
        <ControlFix controlId="elasticache.serverless-aws-managed-encryption" responsibility="aws" />,
      ),
    );
    expect(html).toContain("Nothing to fix on your side.");
    expect(html).not.toContain("No in-place fix.");
    expect(html).not.toContain("<pre");
  });

  it("renders nothing for a control without an entry", () => {
    expect(renderToStaticMarkup(<ControlFix controlId="xc.unknown" responsibility="customer" />)).toBe("");
  });
});

describe("RowFixes", () => {
  it("fills each failing or warning row on the page, and skips the others", () => {
    const html = text(
      renderToStaticMarkup(
        <RowFixes
          controlId="elasticache.rg-transit-encryption"
          rows={[
            row({}),
            row({
              findingId: "f2",
              status: "pass",
              resourceName: "orders-prod",
              resourceArn: "arn:aws:elasticache:us-east-1:210987654321:replicationgroup:orders-prod",
            }),
            row({
              findingId: "f3",
              status: "warn",
              resourceName: "eu cache",
              region: "eu-west-1",
              resourceArn: "arn:aws:elasticache:eu-west-1:210987654321:replicationgroup:eu-cache",
            }),
          ]}
        />,
      ),
    );
    expect(html.match(/<details/g)).toHaveLength(2);
    expect(html).toContain("--region us-east-1 --replication-group-id catalog-prod");
    expect(html).toContain("--region eu-west-1 --replication-group-id eu-cache");
    expect(html).not.toContain("orders-prod");
  });

  it("renders nothing when no row needs a fix", () => {
    expect(
      renderToStaticMarkup(<RowFixes controlId="elasticache.rg-transit-encryption" rows={[row({ status: "pass" })]} />),
    ).toBe("");
  });
});
