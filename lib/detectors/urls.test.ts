import { describe, expect, it } from "vitest";
import { classifyParameterName, findUrls, inspectUrl, redactUrl, shannonEntropy } from "./urls";

const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const PRESIGNED =
  "https://reports.s3.amazonaws.com/daily.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
  "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
  "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host" +
  "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

function rules(url: string): string[] {
  return inspectUrl(url).map((f) => `${f.rule}/${f.severity}`);
}

describe("inspectUrl: URLs that must be flagged", () => {
  it.each<[string, string, string[], string]>([
    [
      "userinfo with password",
      "https://admin:s3cret@api.partner.org/hook",
      ["userinfo/fail"],
      "https://***@api.partner.org/hook",
    ],
    [
      "userinfo, user only",
      "https://deploy@git.partner.org/repo",
      ["userinfo/fail"],
      "https://***@git.partner.org/repo",
    ],
    [
      "unparseable URL with userinfo (regex fallback)",
      "https://u:p#ss@host/x",
      ["userinfo/fail"],
      "https://***@host/x",
    ],
    [
      "credential-named query parameter",
      "https://app.corp.org/cb?access_token=abc123&state=xyz",
      ["credential-parameter/fail"],
      "https://app.corp.org/cb?access_token=***&state=xyz",
    ],
    [
      "parameter names compared without - and _, any case",
      "https://app.corp.org/cb?Client-Secret=abc&X_API_KEY=def",
      ["credential-parameter/fail", "credential-parameter/fail"],
      "https://app.corp.org/cb?Client-Secret=***&X_API_KEY=***",
    ],
    [
      "credential in the fragment (implicit grant)",
      "https://app.corp.org/cb#id_token=abc&state=xyz",
      ["credential-parameter/fail"],
      "https://app.corp.org/cb#id_token=***&state=xyz",
    ],
    [
      "custom app scheme with a token (rules 1–3 still apply)",
      "myapp://callback?token=abc",
      ["credential-parameter/fail"],
      "myapp://callback?token=***",
    ],
    [
      "key parameter with a middling value",
      "https://maps.partner.org/v1?key=k456secret",
      ["key-parameter/warn"],
      "https://maps.partner.org/v1?key=***",
    ],
    [
      "key parameter with a random value",
      "https://maps.partner.org/v1?key=Zx8Qp2LmN4vR7tY1uW3s",
      ["credential-parameter/fail"],
      "https://maps.partner.org/v1?key=***",
    ],
    [
      "secret_key, private_token, session_id and client_secret",
      "https://api.partner.org/v1?secret_key=abc&private_token=def&session_id=ghi&client_secret=jkl",
      Array(4).fill("credential-parameter/fail"),
      "https://api.partner.org/v1?secret_key=***&private_token=***&session_id=***&client_secret=***",
    ],
    [
      "AWS secret access key fails, it is not a mere warning",
      "https://api.partner.org/v1?aws_secret_access_key=wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY",
      ["credential-parameter/fail"],
      "https://api.partner.org/v1?aws_secret_access_key=***",
    ],
    [
      "overloaded name with a secret-looking value",
      "https://hooks.partner.org/x?sig=abc123&auth=dXNlcjpwYXNzd29yZA%3D%3D",
      ["credential-parameter/fail", "credential-parameter/fail"],
      "https://hooks.partner.org/x?sig=***&auth=***",
    ],
    [
      "Slack webhook: the path is the secret",
      "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdEFGHijklMNOPqrstUVWX",
      ["webhook-secret/fail"],
      "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/***",
    ],
    [
      "Teams incoming webhook",
      "https://contoso.webhook.office.com/webhookb2/0f8e6a1c-1111-4a3b-9c2d-3e4f5a6b7c8d@72f988bf-86f1-41af-91ab-2d7cd011db47/IncomingWebhook/3c4a2f7e9b1d4e6f8a0b2c4d6e8f0a1b/5d6e7f80-1234-4abc-8def-0123456789ab",
      ["webhook-secret/fail"],
      "https://contoso.webhook.office.com/webhookb2/0f8e6a1c-1111-4a3b-9c2d-3e4f5a6b7c8d@72f988bf-86f1-41af-91ab-2d7cd011db47/IncomingWebhook/***",
    ],
    [
      "Discord webhook",
      "https://discord.com/api/webhooks/123456789012345678/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEfGhIjKlMnOpQrStUvWxYz012345",
      ["webhook-secret/fail"],
      "https://discord.com/api/webhooks/123456789012345678/***",
    ],
    [
      "GitHub token in an innocent parameter",
      "https://ci.partner.org/status?ref=ghp_0123456789abcdefghijABCDEFGHIJ012345",
      ["known-token/fail"],
      "https://ci.partner.org/status?ref=***",
    ],
    [
      "Slack bot token in the path",
      "https://relay.partner.org/xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx/post",
      ["known-token/fail"],
      "https://relay.partner.org/***/post",
    ],
    [
      "Stripe live key",
      "https://pay.partner.org/cb?k=sk_live_4eC39HqLyjWDarjtT1zdp7dc",
      ["credential-parameter/fail", "known-token/fail"],
      "https://pay.partner.org/cb?k=***",
    ],
    [
      "redirect target that carries a token",
      "https://auth.corp.org/logout?redirect_uri=https%3A%2F%2Fapp.corp.org%2Fcb%3Faccess_token%3Dabc123",
      ["credential-parameter/fail"],
      "https://auth.corp.org/logout?redirect_uri=https%3A%2F%2Fapp.corp.org%2Fcb%3Faccess_token%3D***",
    ],
    [
      "AWS access key id in the path",
      "https://hooks.partner.org/AKIAIOSFODNN7EXAMPLE/x",
      ["aws-access-key/fail"],
      "https://hooks.partner.org/***/x",
    ],
    ["JWT in the path", `https://app.corp.org/cb/${JWT}`, ["jwt/fail"], "https://app.corp.org/cb/***"],
    [
      "JWT in an innocently named parameter",
      `https://app.corp.org/cb?state=${JWT}`,
      ["jwt/fail"],
      "https://app.corp.org/cb?state=***",
    ],
    [
      "high-entropy query value",
      "https://api.partner.org/v1?state=Zx8Qp2LmN4vR7tY1uW3sK9bH6jF5gD0cAeXoIiPq",
      ["high-entropy-value/warn"],
      "https://api.partner.org/v1?state=***",
    ],
    ["cleartext http", "http://app.corp.org/cb", ["cleartext-http/warn"], "http://app.corp.org/cb"],
    [
      "several rules at once",
      "http://bob:pw@app.corp.org/cb?token=abc",
      ["userinfo/fail", "credential-parameter/fail", "cleartext-http/warn"],
      "http://***@app.corp.org/cb?token=***",
    ],
  ])("%s", (_name, url, expected, redacted) => {
    expect(rules(url)).toEqual(expected);
    expect(redactUrl(url)).toBe(redacted);
  });

  it("fails a persisted pre-signed S3 URL and redacts every secret part", () => {
    expect(rules(PRESIGNED)).toEqual([
      "credential-parameter/fail",
      "credential-parameter/fail",
      "presigned-url/fail",
      "aws-access-key/fail",
    ]);
    expect(inspectUrl(PRESIGNED).map((f) => f.detail)).toContain("pre-signed URL persisted in configuration");
    const redacted = redactUrl(PRESIGNED);
    expect(redacted).toContain("X-Amz-Credential=***");
    expect(redacted).toContain("X-Amz-Signature=***");
    expect(redacted).toContain("X-Amz-Date=20130524T000000Z");
    expect(redacted).not.toMatch(/AKIA|aeeed9/);
  });

  it("never puts a value into a finding's detail", () => {
    const details = inspectUrl(`https://a:hunter2@x.org/?token=tok123&key=k456#access_token=${JWT}`)
      .map((f) => f.detail)
      .join(" ");
    for (const secret of ["hunter2", "tok123", "k456", "eyJ"]) expect(details).not.toContain(secret);
    expect(details).toContain('query parameter "token"');
  });
});

describe("inspectUrl: URLs that must NOT be flagged", () => {
  it.each([
    ["plain https", "https://app.corp.org/callback"],
    ["localhost over http", "http://localhost:3000/callback"],
    ["IPv4 loopback over http", "http://127.0.0.1/cb"],
    ["other 127/8 address", "http://127.10.0.1/cb"],
    ["IPv6 loopback over http", "http://[::1]:8080/cb"],
    ["custom scheme", "myapp://cb"],
    ["harmless parameters", "https://app.corp.org/cb?state=abc&code_challenge_method=S256"],
    ["empty credential parameter", "https://app.corp.org/cb?token="],
    ["names that only contain a credential word", "https://app.corp.org/cb?monkey=banana&passage=1&signatures"],
    ["hex id (entropy below 4)", "https://x.org/?id=550e8400e29b41d4a716446655440000"],
    ["short random value", "https://x.org/?nonce=Zx8Qp2LmN4vR7tY1"],
    [
      "redirect target as a parameter",
      "https://auth.corp.org/logout?logout_uri=https%3A%2F%2Fwww.corp.org%2Fsigned-out%2Fgoodbye%3Flang%3Den-GB",
    ],
    ["Connect access URL", "https://my-instance.my.connect.aws/"],
    ["OIDC provider URL without scheme", "token.actions.githubusercontent.com"],
    ["mailto is not userinfo", "mailto:security@corp.org"],
    ["access-key-shaped but lower case", "https://x.org/akiaiosfodnn7example"],
    ["harmless values under overloaded names", "https://sso.corp.org/login?auth=sso&pass=through&sig=none"],
    [
      "names about a credential, not the credential",
      "https://idp.corp.org/cfg?token_endpoint_auth_method=client_secret_basic&token_type=bearer&secret_name=prod/db",
    ],
    [
      "placeholders and templates",
      "https://x.org/?password={{password}}&apikey=<API_KEY>&secret=${SECRET}&token=REDACTED",
    ],
    ["key holding an object key", "https://x.org/get?key=reports/2024/01/summary.csv"],
    ["pagination token", "https://api.corp.org/items?nextToken=eyJwYWdlIjoyfQZx8Qp2LmN4vR7tY1uW3sK9bH6jF5gD0cAeXoIiPq"],
    ["S3 version id", "https://bucket.s3.amazonaws.com/key?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"],
    ["webhook endpoint without a secret", "https://api.corp.org/webhooks/orders"],
    ["Slack channel link", "https://corp.slack.com/archives/C0123456789"],
  ])("%s: %s", (_name, url) => {
    expect(inspectUrl(url)).toEqual([]);
    expect(redactUrl(url)).toBe(url);
  });
});

describe("classifyParameterName", () => {
  it.each([
    ["access_token", "credential"],
    ["AccessToken", "credential"],
    ["ACCESS-TOKEN", "credential"],
    ["X-Amz-Security-Token", "credential"],
    ["client_secret", "credential"],
    ["secretKey", "credential"],
    ["aws_secret_access_key", "credential"],
    ["private_token", "credential"],
    ["session_id", "credential"],
    ["JSESSIONID", "credential"],
    ["x-api-key", "credential"],
    ["Ocp-Apim-Subscription-Key", "credential"],
    ["sig", "overloaded"],
    ["auth", "overloaded"],
    ["pass", "overloaded"],
    ["key", "key"],
    ["client_id", "identifier"],
    ["nextToken", "identifier"],
    ["ClientToken", "identifier"],
    ["versionId", "identifier"],
    ["token_endpoint_auth_method", "plain"],
    ["token_type", "plain"],
    ["secret_name", "plain"],
    ["password_reset_url", "plain"],
    ["monkey", "plain"],
    ["passage", "plain"],
  ])("%s is %s", (name, kind) => {
    expect(classifyParameterName(name)).toBe(kind);
  });
});

describe("shannonEntropy", () => {
  it.each([
    ["", 0],
    ["aaaa", 0],
    ["abab", 1],
    ["abcd", 2],
    ["0123456789abcdef", 4],
  ])("%s → %d bits/char", (value, bits) => {
    expect(shannonEntropy(value)).toBeCloseTo(bits, 6);
  });
});

describe("findUrls", () => {
  it("finds URLs of any scheme in text and drops trailing punctuation", () => {
    expect(findUrls("Docs at https://wiki.corp.org/page. Data in s3://bucket/prefix, see (https://x.org/a)")).toEqual([
      "https://wiki.corp.org/page",
      "s3://bucket/prefix",
      "https://x.org/a",
    ]);
  });

  it.each(["orders-cache", "arn:aws:s3:::bucket/key", "see wiki page", "C:\\data\\file", "x://"])(
    "finds nothing in %s",
    (text) => {
      expect(findUrls(text)).toEqual([]);
    },
  );
});
