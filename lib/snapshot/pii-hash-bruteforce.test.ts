/**
 * "Masked means masked": an exported snapshot must not let anyone recover a masked identifier by
 * hashing every value its masked form allows. The test plants an SSN, a phone number and a card
 * number in a resource description, builds and exports a snapshot under an installation key, then
 * attacks the export as its reader could: enumerate every candidate consistent with each finding's
 * detector and masked form, hash it under the old unkeyed scheme, plain SHA-256 and HMACs with
 * guessable keys, and compare with the exported hash.
 *
 * Two controls prove the attack itself works and the test can fail: the same enumeration recovers
 * all three values from an export written with the old scheme (SHA-256 of a public salt and the
 * value), and from the keyed export once the attacker is handed the real key.
 */
import * as crypto from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildElastiCacheRegion,
  buildInventory,
  replicationGroup,
  TEST_ACCOUNT,
  TEST_REGION,
} from "@/lib/inventory/builders";
import { control as piiInNames } from "@/lib/controls/account/pii-in-names-tags";
import { luhn } from "@/lib/detectors/checksums";
import { renderSnapshotJson } from "@/lib/report/json";
import { buildSnapshot } from "@/lib/posture/build-snapshot";
import { readOrCreateInstallationKey } from "./installation-key";

const SNAPSHOT_ID = "bruteforce-target";
/** What the description holds, and each value as the detector canonicalises it before hashing. */
const PLANTED = { ssn: "536228174", phone: "+14155550123", card: "371449635398431" };
const DESCRIPTION = "Owner SSN 536-22-8174, on call +1 415 555 0123, card 3714 496353 98431";

/** The scheme the detector used before: SHA-256 of a fixed public salt and the value. */
const OLD_PUBLIC_SALT = "safekeep-pii-v1";
/** The message format of the current scheme, which is public (it is in the source). */
const MESSAGE_PREFIX = "safekeep/pii-finding/v2\0";

const directories: string[] = [];
afterAll(() => {
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});

// --- Fast hashing for the attacker (one-shot crypto.hash where Node has it) -------------------

const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: string | Buffer, encoding: "hex") => string })
  .hash;

function sha256Hex(data: string | Buffer): string {
  return oneShot ? oneShot("sha256", data, "hex") : crypto.createHash("sha256").update(data).digest("hex");
}

/** HMAC-SHA256 (RFC 2104) with the key's pads computed once: the attacker's inner loop. */
function hmacWith(key: Buffer): (message: string) => string {
  const block = Buffer.alloc(64);
  (key.length > 64 ? Buffer.from(sha256Hex(key), "hex") : key).copy(block);
  const inner = Buffer.from(block.map((byte) => byte ^ 0x36));
  const outer = Buffer.from(block.map((byte) => byte ^ 0x5c));
  return (message) => {
    const innerDigest = Buffer.from(sha256Hex(Buffer.concat([inner, Buffer.from(message)])), "hex");
    return sha256Hex(Buffer.concat([outer, innerDigest]));
  };
}

type Scheme = { name: string; hash: (value: string) => string };

const oldScheme: Scheme = { name: "old unkeyed SHA-256 with public salt", hash: (v) => sha256Hex(OLD_PUBLIC_SALT + v) };

function guessedSchemes(): Scheme[] {
  const keys: [string, Buffer][] = [
    ["empty key", Buffer.alloc(0)],
    ["32 zero bytes", Buffer.alloc(32)],
    ["the old public salt", Buffer.from(OLD_PUBLIC_SALT)],
    ["the account id", Buffer.from(TEST_ACCOUNT)],
    ["the snapshot id", Buffer.from(SNAPSHOT_ID)],
  ];
  return [
    oldScheme,
    { name: "plain SHA-256", hash: (v) => sha256Hex(v) },
    { name: "SHA-256 of the current message format", hash: (v) => sha256Hex(MESSAGE_PREFIX + v) },
    ...keys.map(([name, key]) => {
      const hmac = hmacWith(key);
      return { name: `HMAC-SHA256 keyed with ${name}`, hash: (v: string) => hmac(MESSAGE_PREFIX + v) };
    }),
  ];
}

// --- The candidates a masked form leaves ------------------------------------------------------

function lastFour(masked: string): string {
  const match = /^•••• (\d{4})$/.exec(masked);
  if (!match) throw new Error(`unexpected masked form ${masked}`);
  return match[1]!;
}

/** Every valid SSN ending in the masked digits: areas 001–899 but 666, groups 01–99 (~88 800). */
function* ssnCandidates(masked: string): Generator<string> {
  const serial = lastFour(masked);
  for (let area = 1; area <= 899; area++) {
    if (area === 666) continue;
    for (let group = 1; group <= 99; group++)
      yield `${String(area).padStart(3, "0")}${String(group).padStart(2, "0")}${serial}`;
  }
}

/**
 * North American numbers ending in the masked digits, in the large area codes an attacker tries
 * first (the planted one among them): every exchange 200–999.
 */
function* phoneCandidates(masked: string): Generator<string> {
  const line = lastFour(masked);
  for (const area of ["212", "312", "415", "617", "206"]) {
    for (let exchange = 200; exchange <= 999; exchange++) yield `+1${area}${exchange}${line}`;
  }
}

/** American Express numbers of a public issuer prefix (BIN) ending in the masked digits, Luhn-valid (~10 000). */
function* cardCandidates(masked: string): Generator<string> {
  const tail = lastFour(masked);
  for (const bin of ["371449", "378282"]) {
    for (let middle = 0; middle < 100_000; middle++) {
      const candidate = `${bin}${String(middle).padStart(5, "0")}${tail}`;
      if (luhn(candidate)) yield candidate;
    }
  }
}

const CANDIDATES: Record<string, (masked: string) => Generator<string>> = {
  "ssn-us": ssnCandidates,
  phone: phoneCandidates,
  card: cardCandidates,
};

interface ExportedFinding {
  detector: string;
  masked: string;
  hash: string;
}

/** What a reader of the JSON export sees of each personal-data finding. */
function findingsOf(exported: string): ExportedFinding[] {
  const snapshot = JSON.parse(exported) as {
    controls: { id: string; results: { evidence: Record<string, unknown> }[] }[];
  };
  return snapshot.controls
    .filter((c) => c.id === "xc.pii-in-names-tags")
    .flatMap((c) => c.results)
    .flatMap(({ evidence }) => {
      const { detector, masked, hash } = evidence as { detector?: string[]; masked?: string[]; hash?: string[] };
      return (detector ?? []).map((d, i) => ({ detector: d, masked: masked![i]!, hash: hash?.[i] ?? "" }));
    });
}

/** Every value recovered from the export under any of the schemes. */
function bruteForce(exported: string, schemes: readonly Scheme[]): Map<string, { value: string; scheme: string }> {
  const recovered = new Map<string, { value: string; scheme: string }>();
  for (const finding of findingsOf(exported)) {
    const candidates = CANDIDATES[finding.detector];
    if (!candidates || finding.hash === "") continue;
    search: for (const candidate of candidates(finding.masked)) {
      for (const scheme of schemes) {
        if (scheme.hash(candidate) === finding.hash) {
          recovered.set(finding.detector, { value: candidate, scheme: scheme.name });
          break search;
        }
      }
    }
  }
  return recovered;
}

// --- The target -------------------------------------------------------------------------------

const inventory = buildInventory({
  services: ["account", "elasticache"],
  elasticache: {
    regions: [buildElastiCacheRegion({ replicationGroups: [replicationGroup({ description: DESCRIPTION })] })],
  },
  accountWide: { scanner: { useFipsEndpoint: false, homeRegion: TEST_REGION } },
});

function keyedExport(): { exported: string; key: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), "safekeep-bruteforce-"));
  directories.push(dir);
  const key = readOrCreateInstallationKey(dir);
  const snapshot = buildSnapshot(inventory, [piiInNames], {
    id: SNAPSHOT_ID,
    now: new Date("2026-06-01T00:00:00Z"),
    hashKey: key,
  });
  return { exported: renderSnapshotJson(snapshot), key };
}

/** The same export as the old detector wrote it: each hash SHA-256(public salt + value). */
function oldSchemeExport(exported: string): string {
  const byDetector: Record<string, string> = { "ssn-us": PLANTED.ssn, phone: PLANTED.phone, card: PLANTED.card };
  const snapshot = JSON.parse(exported) as { controls: { results: { evidence: Record<string, unknown> }[] }[] };
  for (const result of snapshot.controls.flatMap((c) => c.results)) {
    const detectors = result.evidence.detector as string[] | undefined;
    if (detectors) result.evidence.hash = detectors.map((d) => sha256Hex(OLD_PUBLIC_SALT + byDetector[d]!));
  }
  return JSON.stringify(snapshot, null, 2);
}

describe("masked means masked: brute force against an exported snapshot", () => {
  const { exported, key } = keyedExport();

  it("exports the three findings masked, each with a 64-hex hash, and none of the values", () => {
    expect(findingsOf(exported).map(({ detector, masked }) => [detector, masked])).toEqual([
      ["ssn-us", "•••• 8174"],
      ["card", "•••• 8431"],
      ["phone", "•••• 0123"],
    ]);
    for (const finding of findingsOf(exported)) expect(finding.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const value of [...Object.values(PLANTED), "536-22-8174", "555 0123", "496353"])
      expect(exported).not.toContain(value);
  });

  it("checks its own HMAC against node:crypto's, so a miss below is not a bug in the attack", () => {
    const hmac = hmacWith(key);
    expect(hmac(`${MESSAGE_PREFIX}${PLANTED.ssn}`)).toBe(
      crypto.createHmac("sha256", key).update(`${MESSAGE_PREFIX}${PLANTED.ssn}`).digest("hex"),
    );
    expect(hmacWith(Buffer.alloc(0))("x")).toBe(crypto.createHmac("sha256", Buffer.alloc(0)).update("x").digest("hex"));
  });

  it("control: the enumeration recovers all three values from an export written with the old unkeyed scheme", () => {
    const recovered = bruteForce(oldSchemeExport(exported), [oldScheme]);
    expect(Object.fromEntries([...recovered].map(([detector, { value }]) => [detector, value]))).toEqual({
      "ssn-us": PLANTED.ssn,
      phone: PLANTED.phone,
      card: PLANTED.card,
    });
  });

  it("control: the enumeration recovers them from the keyed export once handed the installation key", () => {
    const withKey = hmacWith(key);
    const recovered = bruteForce(exported, [{ name: "the real key", hash: (v) => withKey(MESSAGE_PREFIX + v) }]);
    expect(recovered.size).toBe(3);
  });

  it("recovers nothing from the keyed export without the key, under every guessable scheme", () => {
    const recovered = bruteForce(exported, guessedSchemes());
    expect([...recovered]).toEqual([]);
  }, 60_000);
});
