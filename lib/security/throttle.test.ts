import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "@/lib/log";
import {
  backoffSeconds,
  createLoginThrottle,
  DEFAULT_THROTTLE_POLICY,
  type LoginAttempt,
  type LoginThrottle,
} from "./throttle";

const START = new Date("2026-03-02T09:00:00Z");
const ALICE_AT_HOME: LoginAttempt = { address: "198.51.100.20", user: "alice" };

function silentLogger(): Logger & { events: string[] } {
  const events: string[] = [];
  const record = (event: string) => void events.push(event);
  return { events, info: record, warn: record, error: record };
}

async function fail(throttle: LoginThrottle, attempt: LoginAttempt, times: number) {
  const outcomes = [];
  for (let i = 0; i < times; i++) outcomes.push(await throttle.failed(attempt));
  return outcomes;
}

/** Waits out whatever block is in place, as a patient guesser would. */
async function waitOut(throttle: LoginThrottle, attempt: LoginAttempt) {
  const check = await throttle.check(attempt);
  if (check.blocked) vi.advanceTimersByTime(check.retryAfterSeconds * 1000);
}

let throttle: LoginThrottle;

beforeEach(() => {
  // rate-limiter-flexible reads Date.now and expires memory records with setTimeout: both are faked.
  vi.useFakeTimers({ now: START });
  throttle = createLoginThrottle({ hashKey: new Uint8Array(32).fill(7), logger: silentLogger() });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("backoffSeconds", () => {
  it.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 4],
    [10, 512],
    [11, 900],
    [1000, 900],
  ])("failure %i past the free ones blocks for %i s", (over, seconds) => {
    expect(backoffSeconds(over, 900)).toBe(seconds);
  });
});

describe("login throttle (memory)", () => {
  it("lets the free failures through, then blocks, and lets the client in once the block is over", async () => {
    const free = await fail(throttle, ALICE_AT_HOME, DEFAULT_THROTTLE_POLICY.free["user-address"]);
    expect(free.every((outcome) => outcome.lockedOut.length === 0 && outcome.retryAfterSeconds === undefined)).toBe(
      true,
    );
    expect(await throttle.check(ALICE_AT_HOME)).toEqual({ blocked: false });

    const sixth = await throttle.failed(ALICE_AT_HOME);
    expect(sixth).toEqual({
      lockedOut: [{ scope: "user-address", until: new Date(START.getTime() + 1000), failures: 6 }],
      retryAfterSeconds: 1,
    });
    expect(await throttle.check(ALICE_AT_HOME)).toEqual({ blocked: true, retryAfterSeconds: 1, scope: "user-address" });
    expect(throttle.refused).toBe(1);

    vi.advanceTimersByTime(1000);
    expect(await throttle.check(ALICE_AT_HOME)).toEqual({ blocked: false });
  });

  it("doubles each block and caps it at 15 minutes, with one lock-out event for the whole run", async () => {
    await fail(throttle, ALICE_AT_HOME, 5);
    const blocks: number[] = [];
    let lockOuts = 0;
    for (let i = 0; i < 13; i++) {
      await waitOut(throttle, ALICE_AT_HOME);
      const outcome = await throttle.failed(ALICE_AT_HOME);
      blocks.push(outcome.retryAfterSeconds ?? 0);
      lockOuts += outcome.lockedOut.length;
    }
    expect(blocks).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
    expect(lockOuts).toBe(1);
    const check = await throttle.check(ALICE_AT_HOME);
    expect(check).toMatchObject({ blocked: true, scope: "user-address" });
    expect(check.blocked && check.retryAfterSeconds).toBe(900);
  });

  it("starts a new count, and reports a new lock-out, once the window has passed", async () => {
    await fail(throttle, ALICE_AT_HOME, 6);
    vi.advanceTimersByTime(DEFAULT_THROTTLE_POLICY.windowSeconds * 1000);
    const again = await fail(throttle, ALICE_AT_HOME, 6);
    expect(again.slice(0, 5).every((outcome) => outcome.retryAfterSeconds === undefined)).toBe(true);
    expect(again[5]!.lockedOut).toEqual([expect.objectContaining({ scope: "user-address", failures: 6 })]);
  });

  it("resets the user name + address count on success, without delaying the success", async () => {
    await fail(throttle, ALICE_AT_HOME, 5);
    await throttle.succeeded(ALICE_AT_HOME);
    const after = await fail(throttle, ALICE_AT_HOME, 5);
    expect(after.every((outcome) => outcome.retryAfterSeconds === undefined)).toBe(true);
    expect((await throttle.failed(ALICE_AT_HOME)).retryAfterSeconds).toBe(1);
    // Success lifts a running block too: the person got the password right.
    await throttle.succeeded(ALICE_AT_HOME);
    expect(await throttle.check(ALICE_AT_HOME)).toEqual({ blocked: false });
  });

  it("blocks a user name from one address only, not the same name elsewhere nor other names there", async () => {
    await fail(throttle, ALICE_AT_HOME, 6);
    expect(await throttle.check(ALICE_AT_HOME)).toMatchObject({ blocked: true, scope: "user-address" });
    expect(await throttle.check({ address: "203.0.113.50", user: "alice" })).toEqual({ blocked: false });
    expect(await throttle.check({ address: ALICE_AT_HOME.address, user: "bob" })).toEqual({ blocked: false });
  });

  it("counts user names case-insensitively, so changing the case gives no fresh count", async () => {
    await fail(throttle, { address: "198.51.100.20", user: "Alice" }, 3);
    await fail(throttle, { address: "198.51.100.20", user: " ALICE" }, 2);
    expect((await throttle.failed(ALICE_AT_HOME)).retryAfterSeconds).toBe(1);
  });

  it("blocks an address trying many names, and a success there does not reset it", async () => {
    const address = "203.0.113.66";
    // 20 failures over four names, five each: no user name + address key passes its own limit.
    for (const user of ["root", "admin", "ops", "alice"]) await fail(throttle, { address, user }, 5);
    await throttle.succeeded({ address, user: "mallory" });
    const next = await throttle.failed({ address, user: "bob" });
    expect(next.lockedOut).toEqual([expect.objectContaining({ scope: "address", failures: 21 })]);
    expect(await throttle.check({ address, user: "mallory" })).toMatchObject({ blocked: true, scope: "address" });
    expect(await throttle.check({ address })).toMatchObject({ blocked: true, scope: "address" });
    expect(await throttle.check({ address: "203.0.113.67", user: "bob" })).toEqual({ blocked: false });
  });

  it("limits bearer-token guesses (no user name) by address alone", async () => {
    const bearer: LoginAttempt = { address: "203.0.113.80" };
    const outcomes = await fail(throttle, bearer, DEFAULT_THROTTLE_POLICY.free.address + 1);
    expect(outcomes.slice(0, -1).every((outcome) => outcome.retryAfterSeconds === undefined)).toBe(true);
    expect(outcomes.at(-1)!.lockedOut).toEqual([expect.objectContaining({ scope: "address" })]);
    expect(await throttle.check(bearer)).toMatchObject({ blocked: true, scope: "address" });
  });

  it("counts clients without a known address together rather than not at all", async () => {
    await fail(throttle, { address: undefined }, 20);
    expect((await throttle.failed({ address: undefined })).retryAfterSeconds).toBe(1);
    expect(await throttle.check({ address: undefined, user: "alice" })).toMatchObject({ blocked: true });
  });

  it("blocks a user name guessed from many addresses, except from an address it signed in from", async () => {
    await throttle.succeeded(ALICE_AT_HOME);
    const free = DEFAULT_THROTTLE_POLICY.free.user;
    for (let i = 1; i <= free; i++) {
      expect((await throttle.failed({ address: `192.0.2.${i}`, user: "alice" })).retryAfterSeconds).toBeUndefined();
    }
    const next = await throttle.failed({ address: "192.0.2.200", user: "alice" });
    expect(next.lockedOut).toEqual([expect.objectContaining({ scope: "user", failures: free + 1 })]);
    expect(await throttle.check({ address: "192.0.2.201", user: "alice" })).toMatchObject({
      blocked: true,
      scope: "user",
    });
    // The guessing cannot lock Alice out of her usual address, nor touch other names.
    expect(await throttle.check(ALICE_AT_HOME)).toEqual({ blocked: false });
    expect(await throttle.check({ address: "192.0.2.201", user: "bob" })).toEqual({ blocked: false });
  });

  it("reports the longest of several blocks", async () => {
    const address = "203.0.113.90";
    for (const user of ["a", "b", "c"]) await fail(throttle, { address, user }, 5);
    await fail(throttle, { address, user: "d" }, 5); // address at 20
    await fail(throttle, { address, user: "e" }, 3); // address 23: blocks of 1, 2, 4 s
    const check = await throttle.check({ address, user: "e" });
    expect(check).toEqual({ blocked: true, retryAfterSeconds: 4, scope: "address" });
  });
});
