/**
 * Adding a service: scaffold a sixth, fictional service into a temporary copy of
 * the repository and check that the copy typechecks and that the catalog, policy, plan, descriptor,
 * layering and catalog-document tests pass there, with the service's own tests. The number of files
 * the scaffold touched is the number CONTRIBUTING.md gives.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scaffoldService, WIDGETS_SEED, WIDGETS_SEED_PAGE } from "./scaffold-service";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Files the scaffold touches (created and edited) to add a service; CONTRIBUTING.md states the same. */
const FILES_TOUCHED = 22;

/** The tests to run in the copy: everything that must notice a service wired in wrong. */
const TESTS_IN_COPY = [
  "lib/controls/catalog.test.ts",
  "lib/aws/policy.test.ts",
  "lib/scan/plan.test.ts",
  "lib/scan/step-names.test.ts",
  "lib/inventory/services",
  "lib/controls/account/discovery.test.ts",
  "lib/demo",
  "lib/layers.test.ts",
  "lib/controls/widgets",
  "lib/aws/widgets",
  "fake-aws/services/widgets.test.ts",
  "scripts/generate-controls-doc.test.ts",
];

/** Tracked files and untracked ones git does not ignore: what a contributor's checkout holds. */
function repoFiles(): string[] {
  const list = (...args: string[]) => {
    const result = spawnSync("git", ["ls-files", "-z", ...args], { cwd: REPO, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`git ls-files failed: ${result.error?.message ?? result.stderr}`);
    return result.stdout.split("\0").filter(Boolean);
  };
  // A tracked file deleted in the working tree is not copied.
  return [...new Set([...list(), ...list("--others", "--exclude-standard")])].filter((file) =>
    existsSync(path.join(REPO, file)),
  );
}

function copyRepo(into: string): string[] {
  const files = repoFiles();
  for (const file of files) {
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    copyFileSync(path.join(REPO, file), path.join(into, file));
  }
  // Only ever read: nothing is installed in the copy.
  symlinkSync(path.join(REPO, "node_modules"), path.join(into, "node_modules"), "dir");
  return files;
}

/** The real seed pages when they are beside the repository, plus the fictional service's page. */
function seedsDir(into: string): string | undefined {
  const real = process.env.SAFEKEEP_SEEDS_DIR ?? path.resolve(REPO, "../shared/seeds");
  // Without the real pages the catalog test could not read theirs: it skips the quote check, as it does here.
  if (!existsSync(real)) return undefined;
  mkdirSync(into);
  for (const page of readdirSync(real)) copyFileSync(path.join(real, page), path.join(into, page));
  writeFileSync(path.join(into, WIDGETS_SEED.file), WIDGETS_SEED_PAGE);
  return into;
}

/** Files of the copy whose content differs from the repository's, or that the repository lacks. */
function changedFiles(copy: string, files: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(copy, dir), { withFileTypes: true }).flatMap((entry) => {
      const relative = path.join(dir, entry.name);
      if (entry.name === "node_modules") return [];
      return entry.isDirectory() ? walk(relative) : [relative];
    });
  const original = new Set(files);
  return walk("")
    .filter(
      (file) => !original.has(file) || !readFileSync(path.join(copy, file)).equals(readFileSync(path.join(REPO, file))),
    )
    .sort();
}

function runInCopy(copy: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, args, { cwd: copy, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const output = `$ node ${args.join(" ")}\n${result.stdout}\n${result.stderr}`;
  expect(result.status, output).toBe(0);
}

describe("adding a service", () => {
  it("scaffolds a sixth, fictional service into a copy that typechecks and passes the catalog and policy tests", async () => {
    const temp = mkdtempSync(path.join(tmpdir(), "safekeep-scaffold-"));
    try {
      const copy = path.join(temp, "repo");
      const files = copyRepo(copy);
      const seeds = seedsDir(path.join(temp, "seeds"));

      const { created, edited } = await scaffoldService(copy);
      const touched = [...created, ...edited].sort();
      // What the scaffold says it touched is what changed in the copy.
      expect(changedFiles(copy, files)).toEqual(touched);
      expect(created).toContain("lib/inventory/services/widgets.ts");
      expect(edited).toContain("docs/controls.md");

      // The child runs get none of this run's own Vitest settings.
      const env: NodeJS.ProcessEnv = { ...process.env };
      for (const key of Object.keys(env).filter((k) => k.startsWith("VITEST"))) delete env[key];
      if (seeds) env.SAFEKEEP_SEEDS_DIR = seeds;
      else delete env.SAFEKEEP_SEEDS_DIR;
      runInCopy(copy, ["node_modules/typescript/bin/tsc", "--noEmit", "--incremental", "false"], env);
      runInCopy(
        copy,
        ["node_modules/vitest/vitest.mjs", "run", "--no-cache", "--configLoader", "runner", ...TESTS_IN_COPY],
        env,
      );

      expect(touched.length, touched.join("\n")).toBe(FILES_TOUCHED);
      const stated = /The\s+scaffold\s+test\s+touches\s+\*\*(\d+)\s+files\*\*/.exec(
        readFileSync(path.join(REPO, "CONTRIBUTING.md"), "utf8"),
      )?.[1];
      expect(stated, "CONTRIBUTING.md states how many files the scaffold test touches").toBeDefined();
      expect(touched.length).toBe(Number(stated));
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }, 180_000);
});
