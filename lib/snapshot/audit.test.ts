import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/security/identity";
import type { AuthMethod } from "@/lib/security/identity";
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  AUDIT_METHODS,
  AUDIT_ROLES,
  auditEventSchema,
  decodeAuditCursor,
  encodeAuditCursor,
  newAuditEvent,
  storedAuditEvent,
} from "./audit";
import { AuditCursorError, auditListStatement, auditPageOf } from "./audit-store";

const NOW = new Date("2026-12-01T09:30:00.000Z");
const ID = "3f1c2b9e-7d4a-4e5b-9c8d-1a2b3c4d5e6f";
const operator = { name: "Olga Petrov", subject: "idp|0042", method: "session", role: "operator" } as const;

describe("audit events", () => {
  it("names the same roles and sign-in methods as lib/security/identity.ts", () => {
    expect([...AUDIT_ROLES]).toEqual([...ROLES]);
    // Each method the identity type allows is one the audit log accepts, and no other.
    const methods: Record<AuthMethod, true> = { local: true, token: true, basic: true, session: true };
    expect([...AUDIT_METHODS].sort()).toEqual(Object.keys(methods).sort());
    expect(Object.keys(AUDIT_ACTION_LABELS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it("builds an event from what the server knows: cleaned, cut to fit, outcome ok unless refused", () => {
    const event = newAuditEvent(
      {
        actor: { ...operator, name: "Olga\u0007 \n Petrov" },
        action: "mute.create",
        target: "mute-a1b2c3d4e5f6",
        detail: `Control elasticache.rg-at-rest-encryption, resources ${"arn:aws:s3:::b".repeat(60)}`,
        address: "2001:db8::7",
      },
      NOW,
      () => ID,
    );
    expect(event).toMatchObject({
      id: ID,
      at: "2026-12-01T09:30:00.000Z",
      actor: { name: "Olga Petrov", subject: "idp|0042", method: "session", role: "operator" },
      action: "mute.create",
      target: "mute-a1b2c3d4e5f6",
      outcome: "ok",
      address: "2001:db8::7",
    });
    expect(event.detail).toHaveLength(500);
    expect(event.detail!.endsWith("…")).toBe(true);
    expect(auditEventSchema.safeParse(event).success).toBe(true);

    const refused = newAuditEvent({ actor: operator, action: "access-denied", outcome: "refused" }, NOW);
    expect(refused.outcome).toBe("refused");
    expect(refused.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(refused).not.toHaveProperty("target");
    expect(refused).not.toHaveProperty("detail");
  });

  it("leaves out an address that is not one, and empty text", () => {
    for (const address of ["unknown", "192.0.2.1; DROP TABLE", "x".repeat(60)])
      expect(newAuditEvent({ actor: operator, action: "sign-in", address }, NOW)).not.toHaveProperty("address");
    const blank = newAuditEvent({ actor: operator, action: "sign-out", target: " \n", detail: "" }, NOW);
    expect(blank).not.toHaveProperty("target");
    expect(blank).not.toHaveProperty("detail");
  });

  it("refuses what is not an event: unknown action, extra field, control characters, long detail", () => {
    const event = newAuditEvent({ actor: operator, action: "scan.start", target: "scan-1" }, NOW, () => ID);
    expect(auditEventSchema.safeParse({ ...event, action: "scan.delete" }).success).toBe(false);
    expect(auditEventSchema.safeParse({ ...event, body: "{}" }).success).toBe(false);
    expect(auditEventSchema.safeParse({ ...event, actor: { ...event.actor, password: "x" } }).success).toBe(false);
    expect(auditEventSchema.safeParse({ ...event, detail: "a\nb" }).success).toBe(false);
    expect(auditEventSchema.safeParse({ ...event, detail: "d".repeat(501) }).success).toBe(false);
    expect(auditEventSchema.safeParse({ ...event, id: "1" }).success).toBe(false);
    expect(storedAuditEvent(JSON.stringify(event))).toEqual([event]);
    expect(storedAuditEvent("{not json")).toEqual([]);
    expect(storedAuditEvent(JSON.stringify({ ...event, outcome: "maybe" }))).toEqual([]);
  });
});

describe("audit cursors and listing", () => {
  it("round-trips a position and refuses anything else", () => {
    const cursor = encodeAuditCursor({ at: "2026-12-01T09:30:00.000Z", id: ID });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAuditCursor(cursor)).toEqual({ at: "2026-12-01T09:30:00.000Z", id: ID });
    const forged = Buffer.from(JSON.stringify(["2026-12-01T09:30:00.000Z", "' OR 1=1 --"])).toString("base64url");
    for (const bad of ["", "not a cursor", forged, "x".repeat(201), Buffer.from("[]").toString("base64url")])
      expect(decodeAuditCursor(bad), bad).toBeUndefined();
  });

  it("binds every value and pages by (time, id) strictly before the cursor", () => {
    const before = encodeAuditCursor({ at: "2026-12-01T09:30:00.000Z", id: ID });
    const pg = auditListStatement("postgres", { limit: 25, action: "mute.create", actor: "idp|0042", before });
    expect(pg.sql).toMatch(/WHERE action = \$1 AND actor_subject = \$2 AND \(at < \$3 OR \(at = \$4 AND id < \$5\)\)/);
    expect(pg.sql).toMatch(/ORDER BY at DESC, id DESC LIMIT \$6/);
    expect(pg.params).toEqual([
      "mute.create",
      "idp|0042",
      "2026-12-01T09:30:00.000Z",
      "2026-12-01T09:30:00.000Z",
      ID,
      26,
    ]);
    const lite = auditListStatement("sqlite", { limit: 5000 });
    expect(lite.sql).not.toMatch(/WHERE/);
    expect(lite.params).toEqual([201]);
    expect(() => auditListStatement("sqlite", { limit: 5, before: "nope" })).toThrow(AuditCursorError);
  });

  it("gives a cursor only when more rows follow, and skips a row that no longer reads without ending paging", () => {
    const row = (n: number, body = "{broken") => ({
      id: `00000000-0000-4000-8000-00000000000${n}`,
      at: `2026-12-01T09:0${n}:00.000Z`,
      body,
    });
    const good = newAuditEvent({ actor: operator, action: "sign-in" }, NOW, () => ID);
    const page = auditPageOf({ limit: 2 }, [row(3, JSON.stringify(good)), row(2), row(1)]);
    expect(page.items).toEqual([good]);
    // The unreadable row is the page's last: the next page starts after it all the same.
    expect(decodeAuditCursor(page.nextCursor!)).toEqual({ at: row(2).at, id: row(2).id });
    expect(auditPageOf({ limit: 3 }, [row(3), row(2), row(1)]).nextCursor).toBeNull();
  });
});
