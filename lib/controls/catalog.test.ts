/**
 * Keeps the control catalog honest: the registry, the files on disk, the metadata and the seed
 * citations must agree. Control ids are a public contract (snapshots, exports and links use them).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVICE_IDS, type ServiceId } from "@/lib/inventory/common";
import { isRecommendationId } from "./recommendations";
import { CONTROLS } from "./registry";
import { normaliseSeedText, SEED_PAGES, seedPage } from "./seeds";
import { SEVERITIES } from "./types";

const CONTROLS_DIR = path.dirname(new URL(import.meta.url).pathname);
const SEEDS_DIR = process.env.SAFEKEEP_SEEDS_DIR ?? path.resolve(CONTROLS_DIR, "../../../shared/seeds");

/** Services whose controls use id prefixes other than the service id (every other service uses its id). */
const ID_PREFIXES: Partial<Record<ServiceId, string[]>> = {
  account: ["xc"],
  iam: ["iam", "sts"],
};

function slugOf(id: string): string {
  return id.slice(id.indexOf(".") + 1);
}

describe("control catalog", () => {
  it("has unique ids", () => {
    const ids = CONTROLS.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(CONTROLS.map((c) => [c.meta.id, c] as const))(
    "%s: id matches its service and file, with a test beside it",
    (id, control) => {
      expect(SERVICE_IDS).toContain(control.meta.service);
      expect(ID_PREFIXES[control.meta.service] ?? [control.meta.service]).toContain(id.split(".")[0]);
      expect(id).toMatch(/^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$/);
      const file = path.join(CONTROLS_DIR, control.meta.service, `${slugOf(id)}.ts`);
      expect(existsSync(file), `${file} exists`).toBe(true);
      expect(readFileSync(file, "utf8")).toContain(`id: "${id}"`);
      expect(existsSync(file.replace(/\.ts$/, ".test.ts")), "test file beside the control").toBe(true);
    },
  );

  it.each(CONTROLS.map((c) => [c.meta.id, c.meta] as const))("%s: metadata is complete", (_id, meta) => {
    expect(meta.title.length).toBeGreaterThan(10);
    expect(meta.title.length).toBeLessThanOrEqual(100);
    expect(SEVERITIES).toContain(meta.severity);
    expect(isRecommendationId(meta.recommendation)).toBe(true);
    expect(meta.resourceType.length).toBeGreaterThan(0);
    expect(meta.remediation.text.length).toBeGreaterThan(20);
    expect(meta.remediation.url).toMatch(/^https:\/\/(docs\.)?aws\.amazon\.com\//);
    for (const url of meta.docs) expect(url).toMatch(/^https:\/\//);
    expect(seedPage(meta.seed.file), `seed ${meta.seed.file} is one of the five pages`).toBeDefined();
    expect(meta.seed.quote.length).toBeGreaterThan(15);
    if (meta.responsibility === "aws") {
      expect(meta.severity).toBe("info");
      expect(meta.recommendation).toBe("aws-managed");
    }
    for (const action of meta.requires) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
  });

  it("registers every control file on disk", async () => {
    for (const service of SERVICE_IDS) {
      const dir = path.join(CONTROLS_DIR, service);
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).filter(
        (f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "index.ts",
      )) {
        const mod = (await import(path.join(dir, file))) as { control?: { meta: { id: string } } };
        if (!mod.control) continue;
        expect(
          CONTROLS.map((c) => c.meta.id),
          `${service}/${file} is in the registry`,
        ).toContain(mod.control.meta.id);
      }
    }
  });

  const seedsPresent = existsSync(SEEDS_DIR);
  it.skipIf(!seedsPresent)(
    `quotes each seed sentence verbatim from its page${seedsPresent ? "" : " (skipped: the seed pages are not beside this checkout)"}`,
    () => {
      const pages = new Map(
        SEED_PAGES.map((p) => [p.file, normaliseSeedText(readFileSync(path.join(SEEDS_DIR, p.file), "utf8"))]),
      );
      for (const { meta } of CONTROLS) {
        expect(pages.get(meta.seed.file), `${meta.id} quotes ${meta.seed.file}`).toContain(
          normaliseSeedText(meta.seed.quote),
        );
      }
    },
  );

  it("normalises seed markup the way the pages write it", () => {
    expect(normaliseSeedText("Use multi\\-factor authentication \\(MFA\\) with each account\\.")).toBe(
      "Use multi-factor authentication (MFA) with each account.",
    );
    expect(normaliseSeedText("a **Name** field")).toBe("a Name field");
  });
});
