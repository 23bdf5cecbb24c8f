import { describe, expect, it } from "vitest";
import { ACCOUNT } from "@/lib/snapshot/fixtures";
import {
  REPLAY_WINDOW_SECONDS,
  signatureHeaders,
  SIGNATURE_HEADER,
  slackPayload,
  teamsPayload,
  TIMESTAMP_HEADER,
  verifySignature,
  webhookPayload,
} from "./format";
import type { ChangeMessage, FindingLine } from "./summary";

const SECRET = "whsec-4f9a1c7e2b8d6a3f0e5c9b7a1d2e8f6c";

function finding(n: number, overrides: Partial<FindingLine> = {}): FindingLine {
  return {
    findingId: n.toString(16).padStart(32, "0"),
    controlId: "elasticache.rg-authentication",
    controlTitle: "Replication groups require AUTH or RBAC",
    service: "elasticache",
    severity: "high",
    status: "fail",
    resourceArn: `arn:aws:elasticache:us-east-1:${ACCOUNT}:replicationgroup:rg-${n}`,
    name: `rg-${n}`,
    region: "us-east-1",
    ...overrides,
  };
}

function message(overrides: Partial<ChangeMessage> = {}): ChangeMessage {
  return {
    event: "scan.changes",
    account: { id: ACCOUNT, name: "payments-prod" },
    source: "aws",
    snapshotId: "20261121T100500Z-ab12",
    previousSnapshotId: "20261120T100500Z-cd34",
    scannedAt: "2026-11-21T10:05:00.000Z",
    minSeverity: "high",
    comparable: true,
    scopeNotes: [],
    newFindings: {
      count: 1,
      muted: 0,
      listed: [
        finding(1, {
          severity: "critical",
          controlId: "iam.root-access-keys",
          controlTitle: "The root user has no access keys",
          service: "iam",
          resourceArn: `arn:aws:iam::${ACCOUNT}:root`,
          name: undefined,
          region: "global",
          link: `https://safekeep.example.com/services/iam/controls/iam.root-access-keys?snapshot=x&account=${ACCOUNT}`,
        }),
      ],
    },
    fixed: { count: 0, listed: [] },
    notRechecked: 0,
    score: { before: 80, after: 72, drop: 8, threshold: 5, dropped: true },
    muteEnded: { count: 0, listed: [] },
    link: `https://safekeep.example.com/?snapshot=20261121T100500Z-ab12&account=${ACCOUNT}`,
    ...overrides,
  };
}

describe("Slack payload", () => {
  it("has a plain-text fallback and blocks naming the account, the finding with its link, and the score drop", () => {
    const payload = slackPayload(message()) as { text: string; blocks: { type: string; text?: { text: string } }[] };
    expect(payload.text).toBe(
      `Safekeep: changes in AWS account payments-prod (${ACCOUNT}): 1 new finding of high severity or above. Score dropped 8 points: 80 → 72.`,
    );
    expect(payload.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: `Safekeep: changes in AWS account payments-prod (${ACCOUNT})` },
    });
    const newSection = payload.blocks.find((b) => b.text?.text.startsWith("*New*"));
    expect(newSection?.text?.text).toBe(
      `*New*\n• <https://safekeep.example.com/services/iam/controls/iam.root-access-keys?snapshot=x&account=${ACCOUNT}|Critical · The root user has no access keys · arn:aws:iam::${ACCOUNT}:root · account-wide>`,
    );
  });

  it("escapes Slack's markup characters in names and lists at most ten findings, then how many more", () => {
    const listed = Array.from({ length: 14 }, (_, i) => finding(i, { name: i === 0 ? "<!channel> & co" : `rg-${i}` }));
    const payload = slackPayload(
      message({ newFindings: { count: 14, muted: 0, listed }, score: { ...message().score, dropped: false } }),
    ) as { blocks: { text?: { text: string } }[] };
    const text = payload.blocks.find((b) => b.text?.text.startsWith("*New*"))!.text!.text;
    expect(text).toContain("&lt;!channel&gt; &amp; co");
    expect(text).not.toContain("<!channel>");
    expect(text.split("\n").filter((l) => l.startsWith("• "))).toHaveLength(10);
    expect(text).toMatch(/…and 4 more$/);
  });

  it("says when the scans covered different scopes, and never calls what was not re-checked fixed", () => {
    const payload = slackPayload(
      message({
        comparable: false,
        scopeNotes: ["Snapshot snap-1 covered 8 Regions, snapshot snap-2 7 of them: 1 not re-checked (eu-west-1)."],
        notRechecked: 3,
      }),
    ) as { text: string };
    expect(payload.text).toContain("3 findings not re-checked by this scan (not counted as fixed).");
    expect(payload.text).toContain("The two scans covered different scopes: Snapshot snap-1 covered 8 Regions");
  });
});

describe("Teams payload", () => {
  it("is one Adaptive Card in the Workflows message envelope", () => {
    const payload = teamsPayload(message()) as {
      type: string;
      attachments: { contentType: string; contentUrl: null; content: Record<string, unknown> }[];
    };
    expect(payload.type).toBe("message");
    expect(payload.attachments).toHaveLength(1);
    const [attachment] = payload.attachments;
    expect(attachment!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(attachment!.contentUrl).toBeNull();
    expect(attachment!.content).toMatchObject({
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      type: "AdaptiveCard",
      version: "1.4",
      actions: [{ type: "Action.OpenUrl", title: "Open in Safekeep", url: message().link }],
    });
    const texts = (attachment!.content.body as { text?: string }[]).map((b) => b.text);
    expect(texts).toContain("1 new finding of high severity or above.");
    expect(texts).toContain(
      `- [Critical · The root user has no access keys · arn:aws:iam::${ACCOUNT}:root · account-wide](${message().newFindings.listed[0]!.link})`,
    );
  });

  it("has no link action without a dashboard address", () => {
    const payload = teamsPayload(message({ link: undefined })) as {
      attachments: { content: Record<string, unknown> }[];
    };
    expect(payload.attachments[0]!.content.actions).toBeUndefined();
  });
});

describe("generic webhook", () => {
  it("carries the message model as it is, with its title and lines", () => {
    const payload = webhookPayload(message());
    expect(payload).toMatchObject({
      event: "scan.changes",
      account: { id: ACCOUNT, name: "payments-prod" },
      snapshotId: "20261121T100500Z-ab12",
      newFindings: { count: 1 },
      title: `Safekeep: changes in AWS account payments-prod (${ACCOUNT})`,
      summary: ["1 new finding of high severity or above.", "Score dropped 8 points: 80 → 72."],
    });
  });

  it("is signed over timestamp.body: the receiver's check passes for exactly what was sent, in time", () => {
    const body = JSON.stringify(webhookPayload(message()));
    const now = 1_795_000_000;
    const headers = signatureHeaders(body, SECRET, now);
    expect(headers[TIMESTAMP_HEADER]).toBe(String(now));
    expect(headers[SIGNATURE_HEADER]).toMatch(/^sha256=[0-9a-f]{64}$/);
    const sent = { timestamp: headers[TIMESTAMP_HEADER], signature: headers[SIGNATURE_HEADER] };
    expect(verifySignature(body, sent, SECRET, now)).toBe(true);
    expect(verifySignature(body, sent, SECRET, now + REPLAY_WINDOW_SECONDS)).toBe(true);
    // Any change of body, secret, timestamp or signature, or a replay later than the window, fails.
    expect(verifySignature(body.replace("payments", "paymentz"), sent, SECRET, now)).toBe(false);
    expect(verifySignature(body, sent, `${SECRET}x`, now)).toBe(false);
    expect(verifySignature(body, { ...sent, timestamp: String(now + 1) }, SECRET, now)).toBe(false);
    const flipped = sent.signature!.replace(/.$/, (last) => (last === "0" ? "1" : "0"));
    expect(verifySignature(body, { ...sent, signature: flipped }, SECRET, now)).toBe(false);
    expect(verifySignature(body, sent, SECRET, now + REPLAY_WINDOW_SECONDS + 1)).toBe(false);
    expect(verifySignature(body, { ...sent, signature: undefined }, SECRET, now)).toBe(false);
    expect(verifySignature(body, { ...sent, timestamp: "soon" }, SECRET, now)).toBe(false);
  });

  it("never puts the secret in a header or the body", () => {
    const body = JSON.stringify(webhookPayload(message()));
    expect(JSON.stringify(signatureHeaders(body, SECRET, 1)) + body).not.toContain(SECRET);
  });
});
