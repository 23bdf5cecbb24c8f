import { describe, expect, it } from "vitest";
import { CONNECT_INSTANCE_ID, connectInstance, connectIntegration, connectInventory } from "@/lib/inventory/builders";
import type { ConnectInstance } from "@/lib/inventory";
import { control, judgeUrl } from "./approved-origins";

const now = new Date("2026-06-01T00:00:00Z");

function evaluate(instance: Partial<ConnectInstance>) {
  return control.evaluate(connectInventory({ instances: [connectInstance(instance)] }), { now });
}

describe("connect.approved-origins", () => {
  it.each([
    {
      name: "HTTPS only",
      origins: ["https://crm.example.com", "https://agents.example.com:8443"],
      status: "pass",
      reason: /trusts only HTTPS origins \(2 /,
    },
    {
      name: "plain HTTP",
      origins: ["https://ok.example.com", "http://legacy.example.com"],
      status: "warn",
      reason: /http:\/\/legacy\.example\.com \(plain HTTP\)/,
    },
    {
      name: "loopback HTTP is allowed",
      origins: ["http://localhost:3000", "http://127.0.0.1:8080", "http://[::1]:5173"],
      status: "pass",
      reason: /only HTTPS/,
    },
    { name: "wildcard", origins: ["https://*.example.com"], status: "warn", reason: /a wildcard origin/ },
    { name: "unparsable", origins: ["not a url"], status: "warn", reason: /an unparsable origin \(not a valid URL\)/ },
    {
      name: "credentials in the URL",
      origins: ["https://user:pa55@crm.example.com"],
      status: "warn",
      reason: /https:\/\/crm\.example\.com \(credentials in the URL\)/,
    },
    { name: "other scheme", origins: ["ftp://files.example.com"], status: "warn", reason: /a scheme other than HTTPS/ },
    {
      name: "nothing registered",
      origins: [],
      status: "not-applicable",
      reason: /has no approved origins or integration URLs/,
    },
  ])("$name → $status", ({ origins, status, reason }) => {
    const [result] = evaluate({ approvedOrigins: origins });
    expect(result?.status).toBe(status);
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain(CONNECT_INSTANCE_ID);
  });

  it("judges integration source URLs with the origins", () => {
    const [result] = evaluate({
      approvedOrigins: ["https://crm.example.com"],
      integrations: [
        connectIntegration({ sourceApplicationUrl: "http://app.example.net/path?token=abc" }),
        connectIntegration({ sourceApplicationUrl: undefined }),
      ],
    });
    expect(result?.status).toBe("warn");
    expect(result?.evidence).toMatchObject({ approvedOriginCount: 1, integrationUrlCount: 1 });
  });

  it("never repeats a path, query or password from a URL", () => {
    const [result] = evaluate({
      approvedOrigins: ["https://admin:s3cret@crm.example.com/x?token=abc"],
      integrations: [connectIntegration({ sourceApplicationUrl: "http://app.example.net/path?token=abc" })],
    });
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/s3cret|token|\/path|admin/);
  });

  it("names at most three URLs and counts the rest", () => {
    const [result] = evaluate({
      approvedOrigins: ["http://a.example", "http://b.example", "http://c.example", "http://d.example"],
    });
    expect(result?.reason).toMatch(/trusts 4 origin\(s\).*and 1 more\./);
  });

  it("still warns on what it read when one list failed, but never passes on half the data", () => {
    expect(evaluate({ approvedOrigins: [], uncollected: ["connect:ListIntegrationAssociations"] })).toEqual([]);
    expect(
      evaluate({ approvedOrigins: ["https://ok.example"], uncollected: ["connect:ListIntegrationAssociations"] }),
    ).toEqual([]);
    const [warned] = evaluate({
      approvedOrigins: ["http://bad.example"],
      uncollected: ["connect:ListIntegrationAssociations"],
    });
    expect(warned?.status).toBe("warn");
    expect(evaluate({ integrations: [connectIntegration()], uncollected: ["connect:ListApprovedOrigins"] })).toEqual(
      [],
    );
  });

  it("marks a failed instance not-applicable", () => {
    expect(evaluate({ status: "CREATION_FAILED" })[0]?.status).toBe("not-applicable");
  });

  it("keeps only scheme and host for display", () => {
    expect(judgeUrl("https://crm.example.com/embed?x=1")).toEqual({ display: "https://crm.example.com" });
    expect(judgeUrl("http://127.5.6.7")).toEqual({ display: "http://127.5.6.7" });
    expect(judgeUrl("http://127.example.com").problem).toBe("plaintext");
  });
});
