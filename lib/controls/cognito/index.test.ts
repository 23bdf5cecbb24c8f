/**
 * The catalog test checks every registered control; these checks, narrowed to the Cognito list, keep
 * that list from drifting from its files and seeds on its own.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cognitoAppClient, cognitoInventory, cognitoUserPool } from "@/lib/inventory/builders";
import { evaluateInventory } from "@/lib/posture/evaluate";
import { isRecommendationId } from "../recommendations";
import { normaliseSeedText, seedPage } from "../seeds";
import { cognitoControls } from "./index";

const DIR = path.dirname(new URL(import.meta.url).pathname);
const SEED_FILE = path.resolve(DIR, "../../../../shared/seeds/001_38261b1fc1dc3dcd.txt");
const now = new Date("2026-06-01T00:00:00Z");

const EXPECTED_IDS = [
  "cognito.app-client-implicit-grant",
  "cognito.app-client-password-auth",
  "cognito.app-client-user-existence-errors",
  "cognito.aws-managed-encryption",
  "cognito.identity-pool-classic-flow",
  "cognito.identity-pool-unauthenticated",
  "cognito.user-activity-logging",
  "cognito.user-pool-deletion-protection",
  "cognito.user-pool-mfa",
  "cognito.user-pool-threat-protection",
];

/** The severities docs/controls.md gives. */
const SEVERITIES: Record<string, string> = {
  "cognito.user-pool-mfa": "medium",
  "cognito.user-pool-threat-protection": "low",
  "cognito.user-pool-deletion-protection": "low",
  "cognito.app-client-password-auth": "medium",
  "cognito.app-client-implicit-grant": "medium",
  "cognito.app-client-user-existence-errors": "low",
  "cognito.identity-pool-unauthenticated": "medium",
  "cognito.identity-pool-classic-flow": "medium",
  "cognito.user-activity-logging": "low",
  "cognito.aws-managed-encryption": "info",
};

describe("cognitoControls", () => {
  it("lists all ten catalog controls, and every control file in the folder", () => {
    expect(cognitoControls.map((c) => c.meta.id)).toEqual(EXPECTED_IDS);
    const files = readdirSync(DIR).filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !["index.ts", "scope.ts"].includes(f),
    );
    expect(files.map((f) => `cognito.${f.replace(/\.ts$/, "")}`).sort()).toEqual(EXPECTED_IDS);
  });

  it.each(cognitoControls.map((c) => [c.meta.id, c.meta] as const))("%s: metadata follows the catalog", (id, meta) => {
    expect(meta.service).toBe("cognito");
    expect(meta.severity).toBe(SEVERITIES[id]);
    expect(meta.title.length).toBeLessThanOrEqual(100);
    expect(isRecommendationId(meta.recommendation)).toBe(true);
    expect(meta.remediation.url).toMatch(/^https:\/\/(docs\.)?aws\.amazon\.com\//);
    expect(seedPage(meta.seed.file)).toBeDefined();
    expect(existsSync(path.join(DIR, `${id.slice("cognito.".length)}.test.ts`))).toBe(true);
    if (meta.responsibility === "aws") expect(meta).toMatchObject({ severity: "info", recommendation: "aws-managed" });
    for (const action of meta.requires) expect(action).toMatch(/^(cognito-idp|cognito-identity|iam):[A-Za-z]+$/);
  });

  it.skipIf(!existsSync(SEED_FILE))("quotes each seed sentence verbatim from the Cognito page", () => {
    const page = normaliseSeedText(readFileSync(SEED_FILE, "utf8"));
    for (const { meta } of cognitoControls) expect(page, meta.id).toContain(normaliseSeedText(meta.seed.quote));
  });

  it("turns a failed client describe into error results for the app-client controls only", () => {
    const inventory = cognitoInventory(
      { userPools: [cognitoUserPool({ clients: undefined })] },
      {
        errors: [
          {
            service: "cognito",
            region: "us-east-1",
            action: "cognito-idp:DescribeUserPoolClient",
            kind: "access-denied",
            message: "insufficient permissions: cognito-idp:DescribeUserPoolClient",
          },
        ],
      },
    );
    const outcomes = evaluateInventory(inventory, cognitoControls, { now });
    const statusOf = (id: string) => outcomes.find((o) => o.control.meta.id === id)?.status;
    expect(statusOf("cognito.app-client-password-auth")).toBe("error");
    expect(statusOf("cognito.app-client-implicit-grant")).toBe("error");
    expect(statusOf("cognito.app-client-user-existence-errors")).toBe("error");
    // MFA read the client list too (federated-only check), so it cannot claim a clean pass.
    expect(statusOf("cognito.user-pool-mfa")).toBe("error");
    expect(statusOf("cognito.user-pool-deletion-protection")).toBe("pass");
    expect(statusOf("cognito.aws-managed-encryption")).toBe("pass");
  });

  it("turns a per-pool failure into an error for that pool only, never a federated-only verdict", () => {
    const federated = cognitoAppClient({
      explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
      supportedIdentityProviders: ["Okta"],
    });
    const unread = cognitoUserPool({ id: "us-east-1_Unread", mfaConfiguration: "OFF", clients: undefined });
    const read = cognitoUserPool({ id: "us-east-1_Read", mfaConfiguration: "OFF", clients: [federated] });
    const inventory = cognitoInventory(
      { userPools: [unread, read] },
      {
        errors: [
          {
            service: "cognito",
            region: "us-east-1",
            action: "cognito-idp:DescribeUserPoolClient",
            kind: "access-denied",
            message: "insufficient permissions: cognito-idp:DescribeUserPoolClient",
            resource: "us-east-1_Unread",
          },
          {
            service: "cognito",
            region: "us-east-1",
            action: "cognito-idp:DescribeRiskConfiguration",
            kind: "throttled",
            message: "throttled: TooManyRequestsException: Rate exceeded",
            resource: "us-east-1_Read",
          },
        ],
      },
    );
    const outcomes = evaluateInventory(inventory, cognitoControls, { now });
    const resultsOf = (id: string) =>
      outcomes.find((o) => o.control.meta.id === id)?.results.map((r) => [r.resourceArn.split("/").pop(), r.status]);
    // Each failed per-pool call also gets its own row, standing for anything of that pool never seen.
    const regionRow = `arn:aws:cognito:us-east-1:${inventory.account.id}:*`;
    expect(resultsOf("cognito.user-pool-mfa")).toEqual([
      ["us-east-1_Unread", "error"],
      ["us-east-1_Read", "not-applicable"],
      [regionRow, "error"],
    ]);
    expect(resultsOf("cognito.user-pool-threat-protection")).toEqual([
      ["us-east-1_Unread", "pass"],
      ["us-east-1_Read", "error"],
      [regionRow, "error"],
    ]);
  });
});
