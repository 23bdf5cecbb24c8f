import { describe, expect, it } from "vitest";
import { postgresBinDir } from "@/test-support/postgres";
import { openSnapshotStore, newSnapshotId } from "./store";

describe("newSnapshotId", () => {
  it("makes sortable, path-safe ids", () => {
    const id = newSnapshotId(new Date("2026-11-24T10:15:30.123Z"), () => 0.5);
    expect(id).toMatch(/^20261124T101530Z-[a-z0-9]{4}$/);
  });
});

describe("openSnapshotStore with SAFEKEEP_DATABASE_URL", () => {
  it.each([
    ["not a URL", "hunter2-secret", /is not a URL/],
    ["another database's scheme", "mysql://safekeep:hunter2-secret@db.internal:3306/safekeep", /scheme "mysql"/],
    ["no host", "postgresql:///safekeep?user=safekeep&password=hunter2-secret", /names no host/],
    ["a port that is not a number", "postgresql://safekeep:hunter2-secret@db.internal:port/safekeep", /is not a URL/],
  ])("refuses %s, naming the variable and never its value", (_case, url, reason) => {
    let message = "";
    try {
      openSnapshotStore("/nonexistent", { SAFEKEEP_DATABASE_URL: url });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^SAFEKEEP_DATABASE_URL must be a PostgreSQL URL such as postgresql:\/\/user:password@host:5432\/database/,
    );
    expect(message).toMatch(reason);
    expect(message).not.toContain("hunter2");
  });
});

describe("the test PostgreSQL helper", () => {
  it("finds Debian's server binaries, and says how to install them when they are missing", () => {
    expect(postgresBinDir()).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
    expect(() => postgresBinDir("/nonexistent")).toThrow(
      /server binaries \(initdb, pg_ctl, postgres\) not found under \/nonexistent\/\*\/bin: run `bash scripts\/setup.sh`/,
    );
  });
});
