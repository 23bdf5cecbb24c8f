import { describe, expect, it } from "vitest";
import {
  buildInventory,
  cognitoAppClient,
  cognitoInventory,
  cognitoUserPool,
  connectInstance,
  connectIntegration,
  connectInventory,
  iamInventory,
  taggedResource,
  TEST_ACCOUNT,
  TEST_REGION,
} from "@/lib/inventory/builders";
import type { AppClient } from "@/lib/inventory";
import { control } from "./credentials-in-urls";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateClient(overrides: Partial<AppClient>) {
  const client = cognitoAppClient({ callbackUrls: [], logoutUrls: [], defaultRedirectUri: undefined, ...overrides });
  return control.evaluate(cognitoInventory({ userPools: [cognitoUserPool({ clients: [client] })] }), { now });
}

describe("xc.credentials-in-urls", () => {
  it.each([
    {
      name: "clean https callback",
      url: "https://app.corp.org/callback",
      status: "pass",
      reason: "App client web's CallbackURLs (https://app.corp.org/callback) carries no credentials.",
      secret: "",
    },
    {
      name: "loopback http callback",
      url: "http://localhost:3000/callback",
      status: "pass",
      reason: "carries no credentials",
      secret: "",
    },
    {
      name: "userinfo",
      url: "https://admin:hunter2@app.corp.org/cb",
      status: "fail",
      reason: "App client web has credentials in CallbackURLs (https://***@app.corp.org/cb)",
      secret: "hunter2",
    },
    {
      name: "token in the query",
      url: "https://app.corp.org/cb?access_token=tok123secret",
      status: "fail",
      reason: 'credential in query parameter "access_token"',
      secret: "tok123secret",
    },
    {
      name: "token in the fragment",
      url: "https://app.corp.org/cb#id_token=tok123secret",
      status: "fail",
      reason: 'credential in fragment parameter "id_token"',
      secret: "tok123secret",
    },
    {
      name: "AWS access key id",
      url: "https://app.corp.org/AKIAIOSFODNN7EXAMPLE/cb",
      status: "fail",
      reason: "AWS access key ID in the URL",
      secret: "AKIAIOSFODNN7EXAMPLE",
    },
    {
      name: "key parameter",
      url: "https://maps.partner.org/embed?key=k456secret",
      status: "warn",
      reason: 'query parameter "key" may hold an API key',
      secret: "k456secret",
    },
    {
      name: "high-entropy value",
      url: "https://app.corp.org/cb?state=Zx8Qp2LmN4vR7tY1uW3sK9bH6jF5gD0cAeXoIiPq",
      status: "warn",
      reason: "secret-like random value",
      secret: "Zx8Qp2LmN4vR7tY1",
    },
    {
      name: "cleartext http to a remote host",
      url: "http://app.corp.org/cb",
      status: "warn",
      reason: "http:// to a non-loopback host",
      secret: "",
    },
    {
      name: "custom app scheme",
      url: "myapp://callback",
      status: "pass",
      reason: "carries no credentials",
      secret: "",
    },
  ])("$name → $status", ({ url, status, reason, secret }) => {
    const [result] = evaluateClient({ callbackUrls: [url] });
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain(reason);
    expect(result?.resourceType).toBe("App client");
    if (secret) expect(JSON.stringify(result)).not.toContain(secret);
  });

  it("records the redacted URL and the rules that fired as evidence", () => {
    const [result] = evaluateClient({ callbackUrls: ["http://bob:pw@app.corp.org/cb?token=abc"] });
    expect(result?.evidence).toEqual({
      field: "CallbackURLs",
      url: "http://***@app.corp.org/cb?token=***",
      rules: ["userinfo", "credential-parameter", "cleartext-http"],
    });
  });

  it("masks personal data in a URL and in the resource name", () => {
    const [result] = evaluateClient({ name: "jane@corp.org", callbackUrls: ["https://app.corp.org/u/jane@corp.org"] });
    expect(result?.status).toBe("pass");
    expect(result?.reason).toContain("App client j•••@corp.org");
    expect(JSON.stringify([result?.reason, result?.evidence])).not.toContain("jane@corp.org");
  });

  it("checks every callback, logout and default redirect URL separately", () => {
    const results = evaluateClient({
      callbackUrls: ["https://app.corp.org/cb", "https://app.corp.org/cb?token=abc"],
      logoutUrls: ["https://app.corp.org/"],
      defaultRedirectUri: "https://app.corp.org/cb",
    });
    expect(results.map((r) => [r.evidence.field, r.status])).toEqual([
      ["CallbackURLs[0]", "pass"],
      ["CallbackURLs[1]", "fail"],
      ["LogoutURLs", "pass"],
      ["DefaultRedirectURI", "pass"],
    ]);
  });

  it("checks Connect approved origins, integration URLs and the access URL", () => {
    const results = control.evaluate(
      connectInventory({
        instances: [
          connectInstance({
            approvedOrigins: ["http://agents.corp.org"],
            integrations: [connectIntegration({ sourceApplicationUrl: "https://crm.corp.org/?apikey=abc" })],
          }),
        ],
      }),
      { now },
    );
    expect(results.map((r) => [r.resourceType, r.evidence.field, r.status])).toEqual([
      ["Connect instance", "InstanceAccessUrl", "pass"],
      ["Connect instance", "ApprovedOrigins", "warn"],
      ["Integration", "SourceApplicationUrl", "fail"],
    ]);
  });

  it("checks IAM OIDC provider URLs in the global region", () => {
    const [result] = control.evaluate(
      iamInventory({
        oidcProviders: [{ arn: `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/idp.corp.org`, url: "idp.corp.org" }],
      }),
      { now },
    );
    expect(result).toMatchObject({ status: "pass", region: "global", resourceType: "OIDC provider" });
  });

  it("checks URLs written into tags and descriptions", () => {
    const inventory = buildInventory({
      services: ["account"],
      accountWide: {
        scanner: { useFipsEndpoint: false, homeRegion: TEST_REGION },
        taggedResources: [taggedResource({ tags: [{ key: "webhook", value: "https://hooks.corp.org/x?sig=abc123" }] })],
      },
    });
    const [result] = control.evaluate(inventory, { now });
    expect(result?.status).toBe("fail");
    expect(result?.reason).toContain('tag "webhook"');
    expect(result?.evidence.url).toBe("https://hooks.corp.org/x?sig=***");
  });

  it("yields nothing when no URL was collected", () => {
    expect(control.evaluate(buildInventory({ services: ["account"] }), { now })).toEqual([]);
    expect(
      control.evaluate(cognitoInventory({ userPools: [cognitoUserPool({ clients: undefined })] }), { now }),
    ).toEqual([]);
  });

  it("requires the calls that return URLs", () => {
    expect(control.meta.requires).toEqual(
      expect.arrayContaining([
        "cognito-idp:DescribeUserPoolClient",
        "connect:ListApprovedOrigins",
        "connect:ListIntegrationAssociations",
        "iam:GetOpenIDConnectProvider",
        // S3 paths of Personalize jobs are URLs too.
        "personalize:ListDatasetExportJobs",
        "personalize:DescribeBatchInferenceJob",
      ]),
    );
    expect(new Set(control.meta.requires).size).toBe(control.meta.requires.length);
  });
});
