import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { demoInventory } from "@/lib/demo/inventory";
import type { Inventory } from "@/lib/inventory";
import { referencedBuckets, referencedKeys, referencedStreams } from "@/lib/inventory/references";
import { tlsTargets } from "@/lib/scan/tls-targets";
import {
  collectingActions,
  holds,
  INVENTORY_SOURCES,
  KEY_DISCOVERY_ACTIONS,
  KEY_DISCOVERY_PARTS,
  TLS_TARGET_ACTIONS,
  TLS_TARGET_PARTS,
  type InventoryPart,
} from "./discovery";
import { control as keyRotation } from "./kms-key-rotation";
import { control as keyUsable } from "./kms-key-usable";
import { control as tlsVersions } from "./tls-client-versions";

/**
 * Runs `read` over the inventory and returns the paths of every value it read that is not itself an
 * object or list, plus every list whose length it read: the parts of the inventory its answer
 * depends on. List elements are written `[]`.
 */
function pathsRead(inventory: Inventory, read: (inventory: Inventory) => unknown): Set<string> {
  const paths = new Set<string>();
  const wrap = (value: unknown, at: string): unknown => {
    if (typeof value !== "object" || value === null) return value;
    return new Proxy(value, {
      get(target, key, receiver) {
        const found: unknown = Reflect.get(target, key, receiver);
        if (typeof key === "symbol" || typeof found === "function") return found;
        if (Array.isArray(target) && key === "length") {
          paths.add(at);
          return found;
        }
        const next = Array.isArray(target) && /^\d+$/.test(key) ? `${at}[]` : at ? `${at}.${key}` : key;
        if (typeof found !== "object" || found === null) paths.add(next);
        return wrap(found, next);
      },
    });
  };
  read(wrap(inventory, "") as Inventory);
  return paths;
}

/** A path is accounted for when a listed part holds it, or it is a list on the way to a listed part. */
function unaccounted(paths: Set<string>, parts: readonly InventoryPart[]): string[] {
  return [...paths].filter((p) => !parts.some((part) => holds(part, p) || holds(p, part))).sort();
}

/** Listed parts nothing was read from: a list that claims more than the code reads. */
function unread(paths: Set<string>, parts: readonly InventoryPart[]): string[] {
  return parts.filter((part) => ![...paths].some((p) => holds(part, p) || holds(p, part)));
}

const policy = JSON.parse(readFileSync(path.join(process.cwd(), "policy/safekeep-scanner-policy.json"), "utf8")) as {
  Statement: { Action: string | string[] }[];
};
const allowed = new Set(policy.Statement.flatMap((s) => s.Action));

/**
 * The demo account, plus a bucket nothing with a Region writes to: its key resolves in the
 * scanner's home Region, a read the demo alone never reaches.
 */
const everyBranch: Inventory = {
  ...demoInventory,
  accountWide: {
    ...demoInventory.accountWide!,
    buckets: [
      ...(demoInventory.accountWide?.buckets ?? []),
      { name: "orphan", access: "ok", encryption: { algorithm: "aws:kms", kmsKeyId: "alias/logs" }, referencedBy: [] },
    ],
  },
};

describe("what key discovery reads (lib/inventory/references.ts)", () => {
  const read = pathsRead(everyBranch, (inventory) => [
    referencedKeys(inventory),
    referencedBuckets(inventory),
    referencedStreams(inventory),
  ]);

  it("reads only parts whose collecting calls are listed", () => {
    expect(read.size).toBeGreaterThan(20);
    expect(unaccounted(read, KEY_DISCOVERY_PARTS)).toEqual([]);
    expect(unread(read, KEY_DISCOVERY_PARTS)).toEqual([]);
  });

  it("makes the KMS key controls require every call that finds keys", () => {
    for (const { meta } of [keyUsable, keyRotation]) {
      for (const action of KEY_DISCOVERY_ACTIONS) expect(meta.requires, meta.id).toContain(action);
    }
  });

  it("includes the list calls that find the resources, not only their describes", () => {
    // Each was missing once: a failure there silently left keys unjudged.
    for (const action of [
      "cognito-idp:ListUserPools",
      "personalize:ListDatasetGroups",
      "personalize:ListDatasetImportJobs",
      "personalize:DescribeDatasetImportJob",
      "connect:ListInstances",
    ]) {
      expect(KEY_DISCOVERY_ACTIONS).toContain(action);
    }
  });
});

describe("what TLS sampling reads (lib/scan/tls-targets.ts)", () => {
  const read = pathsRead(demoInventory, tlsTargets);

  it("reads only parts whose collecting calls are listed", () => {
    expect(unaccounted(read, TLS_TARGET_PARTS)).toEqual([]);
    expect(unread(read, TLS_TARGET_PARTS)).toEqual([]);
  });

  it("makes xc.tls-client-versions require every call that decides where to sample", () => {
    for (const action of TLS_TARGET_ACTIONS) expect(tlsVersions.meta.requires).toContain(action);
    // A user pool whose DescribeUserPool fails is dropped, so its Region may go unsampled.
    expect(TLS_TARGET_ACTIONS).toContain("cognito-idp:DescribeUserPool");
    // A dataset group whose describe fails is still listed: the describe does not decide sampling.
    expect(TLS_TARGET_ACTIONS).not.toContain("personalize:DescribeDatasetGroup");
  });
});

describe("the inventory sources", () => {
  it("name only read-level actions the shipped policy allows", () => {
    for (const action of Object.values(INVENTORY_SOURCES).flat()) expect(allowed, action).toContain(action);
  });

  it("list every part the key discovery and TLS sampling read", () => {
    // A part missing from the sources would cost no calls, so its failures would go unnoticed.
    for (const part of [...KEY_DISCOVERY_PARTS, ...TLS_TARGET_PARTS])
      expect(Object.keys(INVENTORY_SOURCES)).toContain(part);
  });

  it("give a field the calls of every part that holds it", () => {
    expect(collectingActions(["personalize.regions[].datasetGroups[].kmsKeyArn"])).toEqual([
      "personalize:ListDatasetGroups",
      "personalize:DescribeDatasetGroup",
    ]);
    expect(collectingActions(["personalize.regions[].datasetGroups"])).toEqual(["personalize:ListDatasetGroups"]);
    expect(collectingActions(["account", "accountWide.scanner"])).toEqual([]);
  });

  it("tell a part from a sibling whose name starts the same", () => {
    expect(holds("connect.regions[].instances", "connect.regions[].instances[].arn")).toBe(true);
    expect(holds("connect.regions[].instances", "connect.regions[].instances")).toBe(true);
    expect(holds("account", "accountWide.buckets")).toBe(false);
  });

  it("notices a read the lists do not account for", () => {
    const read = pathsRead(demoInventory, (inventory) =>
      inventory.elasticache?.regions.flatMap((r) => r.users.map((u) => u.userName)),
    );
    expect(unaccounted(read, KEY_DISCOVERY_PARTS)).toEqual([
      "elasticache.regions[].users",
      "elasticache.regions[].users[].userName",
    ]);
  });
});
