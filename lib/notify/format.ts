/**
 * One change message in each channel's shape: Slack (blocks with a plain-text fallback), Microsoft
 * Teams (an Adaptive Card in the "message" envelope that Teams' Workflows webhooks take), and the
 * generic JSON webhook, signed so that its receiver can check it came from this installation.
 *
 * The generic webhook's signature: `X-Safekeep-Timestamp` is the Unix time in seconds when it was
 * sent and `X-Safekeep-Signature` is `sha256=` and the hex HMAC-SHA256, keyed with
 * SAFEKEEP_NOTIFY_WEBHOOK_SECRET, of `<timestamp>.<raw body>`. A receiver recomputes it over the bytes
 * it received, compares in constant time, and refuses a timestamp more than five minutes from its own
 * clock (a captured request cannot be replayed later). `verifySignature` does exactly that.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { ChangeMessage, FindingLine } from "./summary";

export const SIGNATURE_HEADER = "X-Safekeep-Signature";
export const TIMESTAMP_HEADER = "X-Safekeep-Timestamp";
/** How far a receiver should accept a timestamp from its own clock, either way. */
export const REPLAY_WINDOW_SECONDS = 300;
/** Findings shown per kind of change in chat messages (Slack allows 50 blocks; a card should stay readable). */
export const CHAT_LISTED = 10;

/** A test message: proves the channel works, says nothing about any account. */
export interface TestMessage {
  event: "test";
  sentAt: string;
  link?: string;
}

export type Message = ChangeMessage | TestMessage;

const SEVERITY_LABEL: Record<string, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  info: "Informational",
};

function accountName(message: ChangeMessage): string {
  const name = message.account.name ? `${message.account.name} (${message.account.id})` : message.account.id;
  return message.source === "demo" ? `${name}, demo data` : name;
}

export function title(message: Message): string {
  if (message.event === "test") return "Safekeep test message";
  return `Safekeep: changes in AWS account ${accountName(message)}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The message's lines as plain sentences, the same in every channel. */
export function headlines(message: Message): string[] {
  if (message.event === "test") {
    return [`Notifications from Safekeep reach this channel (sent ${message.sentAt}).`];
  }
  const lines: string[] = [];
  const min = SEVERITY_LABEL[message.minSeverity]!.toLowerCase();
  const orAbove = message.minSeverity === "info" ? "" : " or above";
  if (message.newFindings.count > 0)
    lines.push(`${plural(message.newFindings.count, `new finding`)} of ${min} severity${orAbove}.`);
  if (message.newFindings.muted > 0)
    lines.push(`${plural(message.newFindings.muted, "new finding")} covered by a mute, not listed.`);
  if (message.fixed.count > 0)
    lines.push(`${plural(message.fixed.count, "finding")} fixed (judged again and passing, or verifiably gone).`);
  if (message.muteEnded.count > 0)
    lines.push(`${plural(message.muteEnded.count, "finding")} failing again: the mute ended.`);
  const { before, after, drop, dropped } = message.score;
  if (dropped) lines.push(`Score dropped ${drop} points: ${before} → ${after}.`);
  else if (before !== null && after !== null && before !== after) lines.push(`Score ${before} → ${after}.`);
  if (message.notRechecked > 0)
    lines.push(`${plural(message.notRechecked, "finding")} not re-checked by this scan (not counted as fixed).`);
  if (!message.comparable) lines.push(`The two scans covered different scopes: ${message.scopeNotes.join(" ")}`);
  return lines;
}

function findingText(f: FindingLine): string {
  const what = f.name ? `${f.name} (${f.resourceArn})` : f.resourceArn;
  return `${SEVERITY_LABEL[f.severity]} · ${f.controlTitle} · ${what} · ${f.region === "global" ? "account-wide" : f.region}`;
}

function sections(message: ChangeMessage): { heading: string; lines: FindingLine[]; total: number }[] {
  return [
    { heading: "New", lines: message.newFindings.listed, total: message.newFindings.count },
    { heading: "Mute ended", lines: message.muteEnded.listed, total: message.muteEnded.count },
    { heading: "Fixed", lines: message.fixed.listed, total: message.fixed.count },
  ].filter((s) => s.total > 0);
}

/** Slack's mrkdwn treats &, < and > as markup. */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function slackLink(text: string, link?: string): string {
  return link ? `<${link}|${slackEscape(text)}>` : slackEscape(text);
}

/** Slack's section text is at most 3,000 characters. */
const SLACK_TEXT_LIMIT = 3000;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A Slack incoming-webhook payload: `text` (notifications and clients without blocks) and blocks. */
export function slackPayload(message: Message): Record<string, unknown> {
  const heading = title(message);
  const lines = headlines(message);
  const blocks: Record<string, unknown>[] = [
    { type: "header", text: { type: "plain_text", text: cut(heading, 150) } },
    { type: "section", text: { type: "mrkdwn", text: cut(lines.map(slackEscape).join("\n"), SLACK_TEXT_LIMIT) } },
  ];
  if (message.event === "scan.changes") {
    for (const section of sections(message)) {
      const shown = section.lines.slice(0, CHAT_LISTED).map((f) => `• ${slackLink(findingText(f), f.link)}`);
      const more = section.total - shown.length;
      if (more > 0) shown.push(`…and ${more} more`);
      blocks.push({
        type: "section",
        text: { type: "mrkdwn", text: cut(`*${section.heading}*\n${shown.join("\n")}`, SLACK_TEXT_LIMIT) },
      });
    }
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: `Snapshot ${slackLink(message.snapshotId, message.link)} · ${message.scannedAt} · compared with ${message.previousSnapshotId}`,
        },
      ],
    });
  }
  return { text: `${heading}: ${lines.join(" ")}`, blocks };
}

/**
 * A Teams Workflows webhook payload: `type: "message"` with one Adaptive Card attachment (version 1.4,
 * which Teams renders on every client).
 */
export function teamsPayload(message: Message): Record<string, unknown> {
  const body: Record<string, unknown>[] = [
    { type: "TextBlock", text: title(message), weight: "Bolder", size: "Medium", wrap: true },
    ...headlines(message).map((text) => ({ type: "TextBlock", text, wrap: true, spacing: "Small" })),
  ];
  const actions: Record<string, unknown>[] = [];
  if (message.event === "scan.changes") {
    for (const section of sections(message)) {
      body.push({ type: "TextBlock", text: section.heading, weight: "Bolder", wrap: true, spacing: "Medium" });
      for (const f of section.lines.slice(0, CHAT_LISTED)) {
        // Adaptive Card text takes Markdown links; brackets in names would break them.
        const text = findingText(f).replace(/[[\]]/g, "");
        body.push({
          type: "TextBlock",
          text: f.link ? `- [${text}](${f.link})` : `- ${text}`,
          wrap: true,
          spacing: "None",
        });
      }
      const more = section.total - Math.min(section.lines.length, CHAT_LISTED);
      if (more > 0) body.push({ type: "TextBlock", text: `…and ${more} more`, wrap: true, spacing: "None" });
    }
    body.push({
      type: "FactSet",
      facts: [
        { title: "Account", value: accountName(message) },
        { title: "Snapshot", value: message.snapshotId },
        { title: "Scanned", value: message.scannedAt },
      ],
    });
    if (message.link) actions.push({ type: "Action.OpenUrl", title: "Open in Safekeep", url: message.link });
  }
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body,
          ...(actions.length > 0 ? { actions } : {}),
          msteams: { width: "Full" },
        },
      },
    ],
  };
}

/** The generic webhook's JSON: the message model as it is, plus the event's plain-text lines. */
export function webhookPayload(message: Message): Record<string, unknown> {
  return { ...message, title: title(message), summary: headlines(message) };
}

/** The signature headers for `body` sent at `timestampSeconds`. */
export function signatureHeaders(body: string, secret: string, timestampSeconds: number): Record<string, string> {
  const timestamp = String(Math.floor(timestampSeconds));
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: `sha256=${mac}` };
}

/**
 * What a receiver does: true when `signature` is the HMAC of `timestamp.body` with `secret` and the
 * timestamp is within the replay window of `nowSeconds`.
 */
export function verifySignature(
  body: string,
  headers: { timestamp: string | null | undefined; signature: string | null | undefined },
  secret: string,
  nowSeconds: number,
  windowSeconds = REPLAY_WINDOW_SECONDS,
): boolean {
  const { timestamp, signature } = headers;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature?.startsWith("sha256=")) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > windowSeconds) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex"), "utf8");
  const given = Buffer.from(signature.slice("sha256=".length), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
