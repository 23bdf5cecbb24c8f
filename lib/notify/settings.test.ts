import { describe, expect, it } from "vitest";
import { SEVERITIES } from "@/lib/controls/types";
import { NOTIFY_SEVERITIES } from "@/lib/env";
import { configuredTargets, maskTarget, visibleSettings } from "./settings";

describe("maskTarget", () => {
  it.each([
    ["https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/xoxSecretPathToken", "hooks.slack.com/…"],
    [
      "https://prod-12.westus.logic.azure.com:443/workflows/abc123/triggers/manual/paths/invoke?api-version=2016-06-01&sig=Zm9vYmFy",
      "prod-12.westus.logic.azure.com/…",
    ],
    ["https://contoso.webhook.office.com/webhookb2/1-2-3@4/IncomingWebhook/5/6", "contoso.webhook.office.com/…"],
    ["http://127.0.0.1:8123/hook?token=abc", "127.0.0.1:8123/…"],
    ["https://receiver.example.com/", "receiver.example.com"],
    ["https://receiver.example.com?sig=abc", "receiver.example.com/…"],
    ["not a url", "(not a URL)"],
  ])("%s → %s", (url, shown) => {
    expect(maskTarget(url)).toBe(shown);
  });

  it("never keeps the path, query or fragment, whatever they hold", () => {
    const masked = maskTarget("https://h.example.com/secret-path#frag?q=1");
    expect(masked).not.toMatch(/secret|frag|q=1/);
  });
});

describe("configuredTargets", () => {
  it("lists the channels set up, in a fixed order", () => {
    expect(
      configuredTargets({
        webhook: { url: "https://r.example.com/h", secret: "s".repeat(32) },
        slackUrl: "https://hooks.slack.com/services/x",
        scoreDrop: 5,
        minSeverity: "high",
      }).map((t) => t.channel),
    ).toEqual(["slack", "webhook"]);
    expect(configuredTargets({ scoreDrop: 5, minSeverity: "high" })).toEqual([]);
  });

  it("settings name the severities the controls use, in the same order", () => {
    expect([...NOTIFY_SEVERITIES]).toEqual([...SEVERITIES]);
  });
});

describe("visibleSettings", () => {
  it("gives the browser whether each channel is set and its host, never a path, token or the secret", () => {
    const secret = "whsec-4f9a1c7e2b8d6a3f0e5c9b7a1d2e8f6c";
    const shown = visibleSettings({
      slackUrl: "https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/xoxSecretPathToken",
      webhook: { url: "https://receiver.example.com/in?key=webhookKey123", secret },
      scoreDrop: 7,
      minSeverity: "critical",
    });
    expect(shown).toEqual({
      channels: [
        {
          channel: "slack",
          name: "Slack",
          variable: "SAFEKEEP_NOTIFY_SLACK_URL",
          configured: true,
          target: "hooks.slack.com/…",
        },
        { channel: "teams", name: "Microsoft Teams", variable: "SAFEKEEP_NOTIFY_TEAMS_URL", configured: false },
        {
          channel: "webhook",
          name: "Generic webhook",
          variable: "SAFEKEEP_NOTIFY_WEBHOOK_URL",
          configured: true,
          target: "receiver.example.com/…",
        },
      ],
      signed: true,
      scoreDrop: 7,
      minSeverity: "critical",
      dashboardUrl: undefined,
    });
    expect(JSON.stringify(shown)).not.toMatch(/xoxSecret|webhookKey|whsec/);
  });
});
