import { describe, expect, it } from "vitest";
import {
  openSession,
  seal,
  sealSession,
  sessionNeedsRefresh,
  SESSION_ABSOLUTE_SECONDS,
  SESSION_IDLE_SECONDS,
  unseal,
  type Session,
} from "./session";

const SECRET = "kP2vX9qL4mR7tW1zB8nC5yD3fG6hJ0aS-e_uQ";
const OLD_SECRET = "Zr4Tq8Wn2Lm6Kp0Vb3Xc7Yd1Hf5Gj9Sa-u_eQ";
const T0 = new Date("2026-12-03T08:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const s0 = Math.floor(T0.getTime() / 1000);

const session: Session = { subject: "sub-1", name: "Alice", role: "operator", signedInAt: s0, seenAt: s0 };

describe("session cookie", () => {
  it("opens what it sealed, and hides the contents", async () => {
    const sealed = await sealSession(session, SECRET, T0);
    expect(sealed.split(".")).toHaveLength(5); // a compact JWE
    expect(sealed).not.toContain("Alice");
    expect(await openSession(sealed, [SECRET], at(60))).toEqual(session);
  });

  it("expires after an hour idle, and after eight hours however active", async () => {
    const sealed = await sealSession(session, SECRET, T0);
    expect(await openSession(sealed, [SECRET], at(SESSION_IDLE_SECONDS - 1))).toBeDefined();
    expect(await openSession(sealed, [SECRET], at(SESSION_IDLE_SECONDS))).toBeUndefined();
    // Refreshed every few minutes, the session still ends eight hours after sign-in.
    const late = { ...session, seenAt: s0 + SESSION_ABSOLUTE_SECONDS - 60 };
    const refreshed = await sealSession(late, SECRET, at(SESSION_ABSOLUTE_SECONDS - 60));
    expect(await openSession(refreshed, [SECRET], at(SESSION_ABSOLUTE_SECONDS - 30))).toBeDefined();
    expect(await openSession(refreshed, [SECRET], at(SESSION_ABSOLUTE_SECONDS))).toBeUndefined();
  });

  it("is refused when tampered with, sealed with another secret, or sealed for another purpose", async () => {
    const sealed = await sealSession(session, SECRET, T0);
    const parts = sealed.split(".");
    const flipped = parts[3]!.startsWith("A") ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    expect(await openSession([...parts.slice(0, 3), flipped, parts[4]].join("."), [SECRET], at(1))).toBeUndefined();
    expect(await openSession(sealed, [OLD_SECRET], at(1))).toBeUndefined();
    const login = await seal({ sub: "x", name: "x", role: "admin", sat: s0, seen: s0 }, SECRET, "login", 600, T0);
    expect(await openSession(login, [SECRET], at(1))).toBeUndefined();
    expect(await unseal("not-a-jwe", [SECRET], "session", T0)).toBeUndefined();
  });

  it("accepts the previous secret while rotating", async () => {
    const sealedWithOld = await sealSession(session, OLD_SECRET, T0);
    expect(await openSession(sealedWithOld, [SECRET, OLD_SECRET], at(1))).toEqual(session);
    expect(await openSession(sealedWithOld, [SECRET], at(1))).toBeUndefined();
  });

  it("asks for a fresh cookie once 'last seen' is five minutes old", () => {
    expect(sessionNeedsRefresh(session, at(299))).toBe(false);
    expect(sessionNeedsRefresh(session, at(300))).toBe(true);
  });

  it("refuses a payload with a role that does not exist", async () => {
    const forged = await seal({ sub: "x", name: "x", role: "root", sat: s0, seen: s0 }, SECRET, "session", 600, T0);
    expect(await openSession(forged, [SECRET], at(1))).toBeUndefined();
  });
});
