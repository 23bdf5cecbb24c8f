/**
 * After a scan's snapshot is stored: compare it with the account's previous readable snapshot, and
 * when something worth a message changed (./summary.ts), send it to every configured channel, each
 * delivery retried (./deliver.ts) and recorded in the store. None of this can fail or hold up the
 * scan: `snapshotStored` returns at once and swallows (and logs) whatever goes wrong; callers that end
 * the process (the CLI, a stopping worker) wait for `settled()` first.
 */
import { log as defaultLog, type Logger } from "@/lib/log";
import { compareSnapshots, withMuteEnds } from "@/lib/snapshot/compare";
import type { MuteStore } from "@/lib/snapshot/mute";
import { newDeliveryId, type Delivery, type NotificationStore } from "@/lib/snapshot/notification-store";
import type { Snapshot } from "@/lib/snapshot/schema";
import type { SnapshotStore } from "@/lib/snapshot/store";
import { deliver, type DeliveryDeps } from "./deliver";
import { signatureHeaders, slackPayload, teamsPayload, webhookPayload, type Message } from "./format";
import { configuredTargets, maskTarget, type NotifySettings, type Target } from "./settings";
import { changeSummary } from "./summary";

export type NotifierStore = Pick<SnapshotStore, "list" | "get"> &
  Partial<Pick<MuteStore, "listMutes">> &
  NotificationStore;

export interface NotifierDeps {
  settings: NotifySettings;
  store: NotifierStore;
  now?: () => Date;
  delivery?: DeliveryDeps;
  log?: Logger;
}

/** Unreadable records are skipped; after this many the account is treated as having no previous scan. */
const PREVIOUS_TRIES = 5;

export class Notifier {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(private readonly deps: NotifierDeps) {
    this.now = deps.now ?? (() => new Date());
    this.log = deps.log ?? defaultLog;
  }

  /** True when at least one channel is configured. */
  get enabled(): boolean {
    return configuredTargets(this.deps.settings).length > 0;
  }

  /**
   * Called once a snapshot is stored. Returns at once; the comparison and deliveries run afterwards
   * and nothing they do can throw into the caller.
   */
  snapshotStored(snapshot: Snapshot): void {
    if (!this.enabled) return;
    const run = this.notifySnapshot(snapshot).catch((error: unknown) => {
      this.log.warn("notify.failed", { snapshotId: snapshot.id, error });
    });
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  /** Resolves once every notification started so far has been delivered or given up (never rejects). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** The deliveries made for `snapshot` (none when it is the account's first or nothing changed). */
  async notifySnapshot(snapshot: Snapshot): Promise<Delivery[]> {
    if (!this.enabled) return [];
    const previous = await this.previousSnapshot(snapshot);
    if (!previous) return [];
    const mutes = (await this.deps.store.listMutes?.()) ?? [];
    const comparison = withMuteEnds(compareSnapshots(previous, snapshot), snapshot, mutes);
    const message = changeSummary(comparison, {
      snapshot,
      mutes,
      minSeverity: this.deps.settings.minSeverity,
      scoreDrop: this.deps.settings.scoreDrop,
      dashboardUrl: this.deps.settings.dashboardUrl,
    });
    if (!message) return [];
    return this.send(message, { snapshotId: snapshot.id, accountId: snapshot.account.id });
  }

  /** A test message to every configured channel, recorded like any other delivery. */
  async sendTest(): Promise<Delivery[]> {
    const link = this.deps.settings.dashboardUrl
      ? `${this.deps.settings.dashboardUrl}/settings/notifications`
      : undefined;
    return this.send({ event: "test", sentAt: this.now().toISOString(), ...(link ? { link } : {}) }, {});
  }

  /** The newest readable snapshot of the same account and source finished before this one. */
  private async previousSnapshot(snapshot: Snapshot): Promise<Snapshot | undefined> {
    const earlier = (await this.deps.store.list()).filter(
      (l) =>
        l.accountId === snapshot.account.id &&
        l.source === snapshot.source &&
        l.id !== snapshot.id &&
        !l.unreadable &&
        (l.finishedAt < snapshot.finishedAt || (l.finishedAt === snapshot.finishedAt && l.id < snapshot.id)),
    );
    for (const listing of earlier.slice(0, PREVIOUS_TRIES)) {
      const found = await this.deps.store.get(listing.id);
      if (found) return found;
    }
    return undefined;
  }

  private async send(message: Message, about: { snapshotId?: string; accountId?: string }): Promise<Delivery[]> {
    const targets = configuredTargets(this.deps.settings);
    return Promise.all(targets.map((target) => this.sendOne(target, message, about)));
  }

  private async sendOne(
    target: Target,
    message: Message,
    about: { snapshotId?: string; accountId?: string },
  ): Promise<Delivery> {
    const payload =
      target.channel === "slack"
        ? slackPayload(message)
        : target.channel === "teams"
          ? teamsPayload(message)
          : webhookPayload(message);
    const body = JSON.stringify(payload);
    const secret = this.deps.settings.webhook?.secret;
    // Signed afresh for each attempt, so a retry after a back-off still falls inside the replay window.
    const headers = () =>
      target.channel === "webhook" && secret ? signatureHeaders(body, secret, this.now().getTime() / 1000) : {};
    const result = await deliver(target.url, body, headers, this.deps.delivery);
    const delivery: Delivery = {
      id: newDeliveryId(),
      at: this.now().toISOString(),
      channel: target.channel,
      target: maskTarget(target.url),
      event: message.event,
      ...(about.snapshotId ? { snapshotId: about.snapshotId } : {}),
      ...(about.accountId ? { accountId: about.accountId } : {}),
      attempts: result.attempts,
      outcome: result.ok ? "delivered" : "failed",
      ...(result.status !== undefined ? { status: result.status } : {}),
      ...(result.error ? { error: result.error } : {}),
    };
    const fields = {
      channel: delivery.channel,
      target: delivery.target,
      snapshotId: delivery.snapshotId,
      attempts: delivery.attempts,
      ...(delivery.error ? { problem: delivery.error } : {}),
    };
    if (result.ok) this.log.info("notify.delivered", fields);
    else this.log.warn("notify.delivery-failed", fields);
    try {
      await this.deps.store.recordDelivery(delivery);
    } catch (error) {
      this.log.warn("notify.record-failed", { channel: delivery.channel, target: delivery.target, error });
    }
    return delivery;
  }
}
