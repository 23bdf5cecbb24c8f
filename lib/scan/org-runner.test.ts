import { describe, expect, it } from "vitest";
import type { CallerIdentity } from "@/lib/aws/sts/identity";
import type { AccountOutcome, ResolvedAccounts, ScanAccountsOptions } from "./accounts";
import { CannotStartError } from "./errors";
import { OrganizationScanBusyError, OrganizationScanRunner } from "./org-runner";
import type { OrganizationScanStatus } from "./org-status";

const caller: CallerIdentity = { accountId: "111122223333", partition: "aws", region: "us-east-1" };
const A = "444455556666";
const B = "777788889999";
const C = "210987654321";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A runner whose accounts each finish when the test releases them, the real cancel check applied. */
function runner(resolved: Partial<ResolvedAccounts>, failAccounts: string[] = []) {
  const gates = new Map<string, ReturnType<typeof deferred>>();
  for (const id of [A, B, C]) gates.set(id, deferred());
  const seen: OrganizationScanStatus[] = [];
  const r = new OrganizationScanRunner({
    store: { put: async () => undefined },
    hashKey: () => new Uint8Array(32),
    callerIdentity: async () => caller,
    resolveAccounts: async () => ({ toScan: [], skipped: [], warnings: [], ...resolved }),
    // One account at a time, as scanAccounts with a concurrency of one would.
    scanAccounts: async (targets, options: ScanAccountsOptions) => {
      const outcomes: AccountOutcome[] = [];
      for (const target of targets) {
        if (options.shouldStop?.()) {
          outcomes.push({ ...target, status: "failed", reason: "cancelled" });
          options.onOutcome?.(outcomes.at(-1)!);
          continue;
        }
        options.onStart?.(target);
        await gates.get(target.accountId)!.promise;
        const outcome: AccountOutcome = failAccounts.includes(target.accountId)
          ? { ...target, status: "failed", reason: "could not assume the role" }
          : { ...target, status: "scanned", snapshotId: `s-${target.accountId}`, score: 80 };
        outcomes.push(outcome);
        options.onOutcome?.(outcome);
      }
      return outcomes;
    },
  });
  r.subscribe((s) => seen.push(s));
  return { r, gates, seen };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe("OrganizationScanRunner (the embedded mode's queue)", () => {
  it("reports each account queued, running, then done or failed, and the skipped ones", async () => {
    const { r, gates } = runner(
      {
        toScan: [{ accountId: A, name: "prod" }, { accountId: B }],
        skipped: [{ accountId: C, status: "skipped", reason: "account state SUSPENDED" }],
        organizationId: "o-abc123",
      },
      [B],
    );
    const id = r.start({ selection: { org: true }, services: ["iam"] }, "org-1");
    await until(() => r.status(id)?.accounts.find((a) => a.accountId === A)?.progress === "running");
    expect(r.status(id)!.accounts.map((a) => [a.accountId, a.progress])).toEqual([
      [A, "running"],
      [B, "queued"],
      [C, "skipped"],
    ]);
    expect(r.status(id)!.organizationId).toBe("o-abc123");
    gates.get(A)!.resolve();
    gates.get(B)!.resolve();
    await until(() => r.status(id)?.state === "finished");
    expect(r.status(id)!.accounts).toEqual([
      { accountId: A, name: "prod", progress: "done", snapshotId: `s-${A}`, score: 80 },
      { accountId: B, progress: "failed", reason: "could not assume the role" },
      { accountId: C, progress: "skipped", reason: "account state SUSPENDED" },
    ]);
  });

  it("refuses a second scan while one runs, and takes one again after", async () => {
    const { r, gates } = runner({ toScan: [{ accountId: A }] });
    const id = r.start({ selection: { accounts: [A] }, services: ["iam"] }, "org-1");
    expect(() => r.start({ selection: { accounts: [A] }, services: ["iam"] }, "org-2")).toThrow(
      OrganizationScanBusyError,
    );
    gates.get(A)!.resolve();
    await until(() => r.status(id)?.state === "finished");
    expect(r.start({ selection: { accounts: [A] }, services: ["iam"] }, "org-3")).toBe("org-3");
  });

  it("cancels: the running account finishes, the others are failed as cancelled, nothing else starts", async () => {
    const { r, gates } = runner({ toScan: [{ accountId: A }, { accountId: B }, { accountId: C }] });
    const id = r.start({ selection: { org: true }, services: ["iam"] }, "org-1");
    await until(() => r.status(id)?.accounts[0]?.progress === "running");
    expect(r.cancel(id)).toBe(true);
    expect(r.status(id)!.cancelled).toBe(true);
    gates.get(A)!.resolve();
    await until(() => r.status(id)?.state === "finished");
    expect(r.status(id)!.accounts.map((a) => [a.progress, a.reason])).toEqual([
      ["done", undefined],
      ["failed", "cancelled"],
      ["failed", "cancelled"],
    ]);
    expect(r.cancel("org-unknown")).toBe(false);
  });

  it("fails the scan with the reason when the organization cannot be listed", async () => {
    const r = new OrganizationScanRunner({
      store: { put: async () => undefined },
      hashKey: () => new Uint8Array(32),
      callerIdentity: async () => caller,
      resolveAccounts: async () => {
        throw new CannotStartError("could not list the organization's accounts (access denied)");
      },
    });
    const id = r.start({ selection: { org: true }, services: ["iam"] }, "org-1");
    await until(() => r.status(id)?.state === "failed");
    expect(r.status(id)!.reason).toBe(
      "The scan could not start: could not list the organization's accounts (access denied).",
    );
  });
});
