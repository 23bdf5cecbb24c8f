import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const TOKEN = "Jq3v9Xz0-Lw2Pb7Rk5Ty8Nc1Md4Hs6Gf";

describe("Safekeep settings", () => {
  it("default to no authentication", () => {
    expect(parseEnv({})).toEqual({
      dataDir: path.resolve(".data"),
      auth: undefined,
      oidc: undefined,
      tokenRole: "operator",
      basicRole: "admin",
      trustedProxyHops: 0,
      ownerTag: "owner",
      exportWorkers: 2,
      exportQueue: 8,
      notify: { scoreDrop: 5, minSeverity: "high" },
    });
  });

  it("take the export workers from 1 to 8 and their queue from 0 to 100, and refuse anything else", () => {
    const set = parseEnv({ SAFEKEEP_EXPORT_WORKERS: "8", SAFEKEEP_EXPORT_QUEUE: "0" });
    expect([set.exportWorkers, set.exportQueue]).toEqual([8, 0]);
    expect(parseEnv({ SAFEKEEP_EXPORT_WORKERS: " " }).exportWorkers).toBe(2);
    for (const workers of ["0", "9", "1.5", "two"]) {
      expect(() => parseEnv({ SAFEKEEP_EXPORT_WORKERS: workers })).toThrow(
        /SAFEKEEP_EXPORT_WORKERS: must be a whole number of worker threads from 1 to 8/,
      );
    }
    expect(() => parseEnv({ SAFEKEEP_EXPORT_QUEUE: "101" })).toThrow(/SAFEKEEP_EXPORT_QUEUE: must be a whole number/);
  });

  it("give the shared credentials their roles, and refuse a role that does not exist", () => {
    const roles = parseEnv({ SAFEKEEP_AUTH_TOKEN_ROLE: "viewer", SAFEKEEP_BASIC_AUTH_ROLE: "operator" });
    expect([roles.tokenRole, roles.basicRole]).toEqual(["viewer", "operator"]);
    expect(() => parseEnv({ SAFEKEEP_AUTH_TOKEN_ROLE: "root" })).toThrow(/SAFEKEEP_AUTH_TOKEN_ROLE must be one of/);
  });

  it("refuse a partial sign-in configuration", () => {
    expect(() => parseEnv({ SAFEKEEP_OIDC_ISSUER: "https://idp.example.com" })).toThrow(
      /sign-in through OpenID Connect also needs SAFEKEEP_OIDC_CLIENT_ID/,
    );
  });

  it("read the owner tag key exactly as given, blank as unset, and refuse what no tag key can be", () => {
    expect(parseEnv({ SAFEKEEP_OWNER_TAG: "team" }).ownerTag).toBe("team");
    expect(parseEnv({ SAFEKEEP_OWNER_TAG: "aws:cloudformation:stack-name" }).ownerTag).toBe(
      "aws:cloudformation:stack-name",
    );
    expect(parseEnv({ SAFEKEEP_OWNER_TAG: "" }).ownerTag).toBe("owner");
    expect(parseEnv({ SAFEKEEP_OWNER_TAG: "k".repeat(128) }).ownerTag).toHaveLength(128);
    expect(() => parseEnv({ SAFEKEEP_OWNER_TAG: "k".repeat(129) })).toThrow(
      /^Invalid Safekeep configuration: SAFEKEEP_OWNER_TAG: must be a tag key of at most 128 characters$/,
    );
    expect(() => parseEnv({ SAFEKEEP_OWNER_TAG: "owner\n" })).toThrow(
      /SAFEKEEP_OWNER_TAG: must not hold control characters$/,
    );
  });

  it("carry the authentication the start script accepted", () => {
    expect(parseEnv({ SAFEKEEP_AUTH_TOKEN: TOKEN, SAFEKEEP_BASIC_AUTH: "ops:correct-horse-battery" }).auth).toEqual({
      token: TOKEN,
      basic: { user: "ops", password: "correct-horse-battery" },
    });
  });

  it("refuse what the start script refuses, without repeating the secret", () => {
    expect(() => parseEnv({ SAFEKEEP_AUTH_TOKEN: "hunter2-hunter2" })).toThrow(
      /^Invalid Safekeep configuration: SAFEKEEP_AUTH_TOKEN must be at least 32 characters: generate one with `openssl rand -base64 32`$/,
    );
    expect(() => parseEnv({ SAFEKEEP_BASIC_AUTH: "admin:s3cret" })).toThrow(/password must be at least 12/);
    expect(() => parseEnv({ SAFEKEEP_BASIC_AUTH: "admin:s3cret" })).not.toThrow(/s3cret/);
  });

  describe("notifications", () => {
    const SLACK = "https://hooks.slack.com/services/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6789";
    const SECRET = "whsec-4f9a1c7e2b8d6a3f0e5c9b7a1d2e8f6c";

    it("read each channel, the thresholds and the dashboard address; blank counts as unset", () => {
      expect(
        parseEnv({
          SAFEKEEP_NOTIFY_SLACK_URL: SLACK,
          SAFEKEEP_NOTIFY_TEAMS_URL: "https://contoso.webhook.office.com/webhookb2/abc/IncomingWebhook/def",
          SAFEKEEP_NOTIFY_WEBHOOK_URL: "http://127.0.0.1:8080/hook",
          SAFEKEEP_NOTIFY_WEBHOOK_SECRET: SECRET,
          SAFEKEEP_NOTIFY_SCORE_DROP: "10",
          SAFEKEEP_NOTIFY_MIN_SEVERITY: "Critical",
          SAFEKEEP_NOTIFY_DASHBOARD_URL: "https://safekeep.example.com/",
        }).notify,
      ).toEqual({
        slackUrl: SLACK,
        teamsUrl: "https://contoso.webhook.office.com/webhookb2/abc/IncomingWebhook/def",
        webhook: { url: "http://127.0.0.1:8080/hook", secret: SECRET },
        scoreDrop: 10,
        minSeverity: "critical",
        dashboardUrl: "https://safekeep.example.com",
      });
      expect(
        parseEnv({ SAFEKEEP_NOTIFY_SLACK_URL: " ", SAFEKEEP_NOTIFY_SCORE_DROP: "", SAFEKEEP_NOTIFY_MIN_SEVERITY: "" })
          .notify,
      ).toEqual({ scoreDrop: 5, minSeverity: "high" });
    });

    it.each([
      ["plain http to another host", "http://hooks.example.com/x"],
      ["http to a private address", "http://10.0.0.5/hook"],
      ["another scheme", "ftp://hooks.example.com/x"],
      ["credentials in the URL", "https://user:hunter2hunter2@hooks.example.com/x"],
      ["not a URL", "hooks.slack.com/services/T0/B0/xoxSecret"],
    ])("refuse %s, without repeating the URL", (_, url) => {
      expect(() => parseEnv({ SAFEKEEP_NOTIFY_SLACK_URL: url })).toThrow(
        /^Invalid Safekeep configuration: SAFEKEEP_NOTIFY_SLACK_URL: must be an https URL/,
      );
      try {
        parseEnv({ SAFEKEEP_NOTIFY_SLACK_URL: url });
      } catch (error) {
        expect((error as Error).message).not.toContain(url);
        expect((error as Error).message).not.toMatch(/hunter2|xoxSecret|hooks\.example/);
      }
    });

    it("accept http to this machine only (a test's receiver)", () => {
      for (const url of ["http://127.0.0.1:9000/h", "http://localhost/h", "http://[::1]:9/h"])
        expect(parseEnv({ SAFEKEEP_NOTIFY_TEAMS_URL: url }).notify.teamsUrl).toBe(url);
    });

    it("want the webhook and its secret together, the secret at least 32 characters, never repeated", () => {
      expect(() => parseEnv({ SAFEKEEP_NOTIFY_WEBHOOK_URL: "https://receiver.example.com/h" })).toThrow(
        /SAFEKEEP_NOTIFY_WEBHOOK_URL needs SAFEKEEP_NOTIFY_WEBHOOK_SECRET/,
      );
      expect(() => parseEnv({ SAFEKEEP_NOTIFY_WEBHOOK_SECRET: SECRET })).toThrow(
        /set without SAFEKEEP_NOTIFY_WEBHOOK_URL/,
      );
      const short = "short-secret-31-characters-long";
      expect(short).toHaveLength(31);
      const attempt = () =>
        parseEnv({
          SAFEKEEP_NOTIFY_WEBHOOK_URL: "https://receiver.example.com/h",
          SAFEKEEP_NOTIFY_WEBHOOK_SECRET: short,
        });
      expect(attempt).toThrow(/SAFEKEEP_NOTIFY_WEBHOOK_SECRET: must be at least 32 characters/);
      expect(attempt).not.toThrow(new RegExp(short));
    });

    it.each([
      ["0", /SAFEKEEP_NOTIFY_SCORE_DROP: must be a whole number of points from 1 to 100/],
      ["101", /SAFEKEEP_NOTIFY_SCORE_DROP: must be a whole number/],
      ["2.5", /SAFEKEEP_NOTIFY_SCORE_DROP: must be a whole number/],
      ["five", /SAFEKEEP_NOTIFY_SCORE_DROP: must be a whole number/],
    ])("refuse a score drop of %s", (value, message) => {
      expect(() => parseEnv({ SAFEKEEP_NOTIFY_SCORE_DROP: value })).toThrow(message);
    });

    it("refuse a severity that does not exist, naming the ones that do", () => {
      expect(() => parseEnv({ SAFEKEEP_NOTIFY_MIN_SEVERITY: "severe" })).toThrow(
        /SAFEKEEP_NOTIFY_MIN_SEVERITY: must be one of critical, high, medium, low, info/,
      );
    });
  });
});
