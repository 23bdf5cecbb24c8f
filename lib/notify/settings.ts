/**
 * The notification channels as configured (the variables themselves are read and checked with the
 * rest of Safekeep's settings, lib/env.ts), and how a channel's address is shown: webhook URLs carry
 * their token in the path, so only the host ever leaves this module.
 */
import type { NotifySettings } from "@/lib/env";
import { NOTIFICATION_CHANNELS, type NotificationChannel } from "@/lib/snapshot/notification-store";

export type { NotifySettings };

export type Channel = NotificationChannel;
export const CHANNELS: readonly Channel[] = NOTIFICATION_CHANNELS;
export const CHANNEL_NAMES: Record<Channel, string> = {
  slack: "Slack",
  teams: "Microsoft Teams",
  webhook: "Generic webhook",
};
export const CHANNEL_VARIABLES: Record<Channel, string> = {
  slack: "SAFEKEEP_NOTIFY_SLACK_URL",
  teams: "SAFEKEEP_NOTIFY_TEAMS_URL",
  webhook: "SAFEKEEP_NOTIFY_WEBHOOK_URL",
};

export interface Target {
  channel: Channel;
  url: string;
}

/** The channels set up, in a fixed order, each with where it goes. */
export function configuredTargets(settings: NotifySettings): Target[] {
  const targets: Target[] = [];
  if (settings.slackUrl) targets.push({ channel: "slack", url: settings.slackUrl });
  if (settings.teamsUrl) targets.push({ channel: "teams", url: settings.teamsUrl });
  if (settings.webhook) targets.push({ channel: "webhook", url: settings.webhook.url });
  return targets;
}

/**
 * Where a delivery goes, safe to show, log and store: the host (and port), then "/…" when there is
 * more; never the path, query or fragment, where Slack and Teams put the token.
 */
export function maskTarget(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "(not a URL)";
  }
  const more = url.pathname.replace(/\/+$/, "") !== "" || url.search !== "" || url.hash !== "";
  return `${url.host}${more ? "/…" : ""}`;
}

/**
 * What the browser may see of the settings: whether each channel is set and its host, never a URL's
 * path or query (where the token is) and never the signing secret.
 */
export function visibleSettings(settings: NotifySettings) {
  const targets = configuredTargets(settings);
  return {
    channels: CHANNELS.map((channel) => {
      const target = targets.find((t) => t.channel === channel);
      return {
        channel,
        name: CHANNEL_NAMES[channel],
        variable: CHANNEL_VARIABLES[channel],
        configured: target !== undefined,
        ...(target ? { target: maskTarget(target.url) } : {}),
      };
    }),
    signed: settings.webhook !== undefined,
    scoreDrop: settings.scoreDrop,
    minSeverity: settings.minSeverity,
    dashboardUrl: settings.dashboardUrl,
  };
}
