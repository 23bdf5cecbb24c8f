/**
 * Mutes end to end: a finding muted from the findings view leaves the score and shows its mark;
 * lifted, it counts again; a mute that reaches its expiry lapses by itself.
 */
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { SqliteSnapshotStore } from "../lib/snapshot/sqlite-store";

interface Item {
  findingId: string;
  controlId: string;
  resourceArn: string;
  status: string;
  mute: { id: string } | null;
}

interface LatestSnapshot {
  score: number | null;
  mutes?: { muted: number; scoreBeforeMutes: number | null };
  controls: { results: { findingId: string; mute?: { id: string } }[] }[];
}

async function unmutedFailure(request: APIRequestContext, skip: string[] = []): Promise<Item> {
  const answer = await request.get("/api/findings?status=fail&severity=critical,high&muted=false&limit=50");
  expect(answer.ok()).toBe(true);
  const items = ((await answer.json()) as { items: Item[] }).items.filter((i) => !skip.includes(i.findingId));
  expect(items.length).toBeGreaterThan(0);
  return items[0]!;
}

async function latest(request: APIRequestContext): Promise<LatestSnapshot> {
  const answer = await request.get("/api/snapshots/latest");
  expect(answer.ok()).toBe(true);
  return (await answer.json()) as LatestSnapshot;
}

const resultOf = (snapshot: LatestSnapshot, findingId: string) =>
  snapshot.controls.flatMap((c) => c.results).find((r) => r.findingId === findingId);

test.describe("mutes", () => {
  test("mute a finding: it leaves the score and shows muted; lift it: it counts again", async ({ page, request }) => {
    const finding = await unmutedFailure(request);
    const before = await latest(request);
    const mutedBefore = before.mutes?.muted ?? 0;

    const view = `/findings?status=fail&control=${finding.controlId}&q=${encodeURIComponent(finding.resourceArn)}`;
    await page.goto(view);
    const row = page.locator(`tr[data-finding$="/${finding.findingId}"]`);
    await expect(row).toHaveCount(1);
    await row.getByText("Mute…").click();
    const form = row.getByRole("form", { name: "Mute" });
    await form.getByLabel("Reason (required)").fill("Decommissioned in the Q1 migration");
    await form.getByLabel("Owner (required)").fill("payments-team");
    await form.getByRole("button", { name: "Mute" }).click();
    await expect(row.getByRole("link", { name: "Muted" })).toBeVisible();
    await expect(row).toContainText("Decommissioned in the Q1 migration");

    const after = await latest(request);
    expect(after.mutes?.muted).toBe(mutedBefore + 1);
    expect(after.mutes?.scoreBeforeMutes).toBe(before.mutes?.scoreBeforeMutes ?? before.score);
    expect(after.score!).toBeGreaterThanOrEqual(before.score!);
    const muteId = resultOf(after, finding.findingId)?.mute?.id;
    expect(muteId).toMatch(/^mute-/);

    // Shown as muted with the filter, hidden from "not muted".
    await page.goto(`${view}&muted=false`);
    await expect(page.locator(`tr[data-finding$="/${finding.findingId}"]`)).toHaveCount(0);

    await page.goto("/mutes");
    const entry = page.locator(`li[id="${muteId}"]`);
    await expect(entry).toContainText("payments-team");
    page.once("dialog", (dialog) => void dialog.accept());
    await entry.getByRole("button", { name: "Lift" }).click();
    await expect(page.locator(`li[id="${muteId}"]`)).toContainText("lifted");
    await page
      .locator(`li[id="${muteId}"]`)
      .getByText(/^History/)
      .click();
    await expect(page.locator(`li[id="${muteId}"]`)).toContainText("lifted by local user");

    const lifted = await latest(request);
    expect(lifted.mutes?.muted ?? 0).toBe(mutedBefore);
    expect(lifted.score).toBe(before.score);
    expect(resultOf(lifted, finding.findingId)?.mute).toBeUndefined();
  });

  test("a mute lapses by itself at its expiry, and the finding counts again", async ({ page, request }) => {
    const finding = await unmutedFailure(request);
    // Set up through the store, as an earlier team member would have left it: it expires in a few seconds.
    const store = new SqliteSnapshotStore(path.resolve("test-results/e2e-data/safekeep.db"));
    const now = Date.now();
    const mute = {
      id: "mute-lapses000001",
      target: { kind: "finding" as const, findingId: finding.findingId },
      reason: "Accepted for the audit window",
      owner: "security",
      expiresAt: new Date(now + 4_000).toISOString(),
      createdAt: new Date(now - 86_400_000).toISOString(),
      createdBy: "alice",
      updatedAt: new Date(now - 86_400_000).toISOString(),
      updatedBy: "alice",
    };
    await store.insertMute(mute, { muteId: mute.id, at: mute.createdAt, actor: "alice", action: "created" });
    store.close();
    expect(resultOf(await latest(request), finding.findingId)?.mute?.id).toBe(mute.id);

    await page.waitForTimeout(Math.max(0, Date.parse(mute.expiresAt) - Date.now()) + 500);
    expect(resultOf(await latest(request), finding.findingId)?.mute).toBeUndefined();
    await page.goto(`/findings?status=fail&control=${finding.controlId}&q=${encodeURIComponent(finding.resourceArn)}`);
    const row = page.locator(`tr[data-finding$="/${finding.findingId}"]`);
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("link", { name: "Muted" })).toHaveCount(0);
    await page.goto("/mutes");
    const entry = page.locator(`li[id="${mute.id}"]`);
    await expect(entry).toContainText("expired");
    await entry.getByText(/^History/).click();
    await expect(entry).toContainText("expired by Safekeep");
  });
});
