import { describe, expect, it } from "vitest";
import { findUrls, inspectUrl, redactUrl, shannonEntropy } from "./urls";

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
      "key parameter",
      "https://maps.partner.org/v1?key=abc",
      ["key-parameter/warn"],
      "https://maps.partner.org/v1?key=***",
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
  ])("%s: %s", (_name, url) => {
    expect(inspectUrl(url)).toEqual([]);
    expect(redactUrl(url)).toBe(url);
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
