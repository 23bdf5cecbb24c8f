import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The second check of the layering that eslint.config.mjs enforces floor by floor: whatever the
 * floors say, no two folders under lib/ may import each other, directly or through others. This one
 * also sees relative imports, which the lint patterns (written as `@/lib/...`) do not. Test files
 * are left out: a control's test may run the whole evaluation.
 */

const LIB = path.resolve(__dirname);
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g;

type FolderGraph = Map<string, Map<string, string[]>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The folder of lib/ a path inside lib/ belongs to; a file at the top (log.ts) is its own folder. */
function folderOf(relative: string): string {
  return (relative.split("/")[0] ?? "").replace(/\.tsx?$/, "");
}

/** The lib/ folder an import names, or undefined for packages and files outside lib/. */
function importedFolder(file: string, specifier: string): string | undefined {
  if (specifier.startsWith("@/lib/")) return folderOf(specifier.slice("@/lib/".length));
  if (!specifier.startsWith(".")) return undefined;
  const target = path.relative(LIB, path.resolve(path.dirname(file), specifier));
  return target.startsWith("..") ? undefined : folderOf(target.split(path.sep).join("/"));
}

/** from folder → to folder → the files that make the edge. */
function folderGraph(files: ReadonlyArray<{ file: string; text: string }>): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const { file, text } of files) {
    const from = folderOf(path.relative(LIB, file).split(path.sep).join("/"));
    for (const match of text.matchAll(IMPORT)) {
      const to = importedFolder(file, match[1] ?? "");
      if (to === undefined || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      const made = edges.get(to) ?? [];
      if (!made.includes(path.relative(LIB, file))) edges.set(to, [...made, path.relative(LIB, file)]);
    }
  }
  return graph;
}

/** One cycle as the folders along it (first repeated at the end), or undefined when there is none. */
function findCycle(graph: FolderGraph): string[] | undefined {
  const done = new Set<string>();
  const trail: string[] = [];
  const visit = (node: string): string[] | undefined => {
    const at = trail.indexOf(node);
    if (at >= 0) return [...trail.slice(at), node];
    if (done.has(node)) return undefined;
    trail.push(node);
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    done.add(node);
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

function describeCycle(graph: FolderGraph, cycle: string[]): string {
  return cycle
    .slice(1)
    .map(
      (to, i) =>
        `${cycle[i]} → ${to} (${graph
          .get(cycle[i] ?? "")
          ?.get(to)
          ?.join(", ")})`,
    )
    .join("\n");
}

/** The lib/ file an import resolves to (with its extension or as a folder's index), if any. */
function importedFile(file: string, specifier: string): string | undefined {
  const base = specifier.startsWith("@/lib/")
    ? path.join(LIB, specifier.slice("@/lib/".length))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(file), specifier)
      : undefined;
  if (base === undefined) return undefined;
  return [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((candidate) => existsSync(candidate));
}

/** Imports and re-exports that run code (type-only ones are erased and cannot make a cycle at run time). */
const RUNTIME_IMPORT = /^(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s*["']([^"']+)["']/gm;

/** File → imported file, in the same shape as the folder graph, so one cycle search serves both. */
function fileGraph(files: ReadonlyArray<{ file: string; text: string }>): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const { file, text } of files) {
    const from = path.relative(LIB, file);
    const edges = new Map<string, string[]>();
    for (const match of text.matchAll(RUNTIME_IMPORT)) {
      const target = importedFile(file, match[1] ?? "");
      if (target !== undefined) edges.set(path.relative(LIB, target), [from]);
    }
    graph.set(from, edges);
  }
  return graph;
}

const at = (name: string) => path.join(LIB, name);

describe("folder import graph", () => {
  it("reads @/lib and relative imports, and skips packages and its own folder", () => {
    const graph = folderGraph([
      { file: at("aws/s3/collect.ts"), text: 'import { x } from "@/lib/inventory";\nimport { y } from "../errors";' },
      { file: at("log.ts"), text: 'import { z } from "@/lib/detectors/pii";\nimport { a } from "@aws-sdk/client-s3";' },
      { file: at("scan/scan-aws.ts"), text: 'const { scanAws } = await import("../posture/evaluate");' },
    ]);
    expect([...graph.entries()].map(([from, to]) => [from, [...to.keys()]])).toEqual([
      ["aws", ["inventory"]],
      ["log", ["detectors"]],
      ["scan", ["posture"]],
    ]);
  });

  it.each([
    { edges: [["posture", "snapshot"]], cycle: undefined },
    {
      edges: [
        ["posture", "snapshot"],
        ["snapshot", "posture"],
      ],
      cycle: ["posture", "snapshot", "posture"],
    },
    {
      edges: [
        ["demo", "snapshot"],
        ["snapshot", "read"],
        ["read", "demo"],
        ["read", "log"],
      ],
      cycle: ["demo", "snapshot", "read", "demo"],
    },
  ])("finds the cycle in $edges", ({ edges, cycle }) => {
    const graph: FolderGraph = new Map();
    for (const [from = "", to = ""] of edges) graph.set(from, (graph.get(from) ?? new Map()).set(to, [`${from}/x.ts`]));
    expect(findCycle(graph)).toEqual(cycle);
  });
});

describe("lib/ layering", () => {
  const graph = folderGraph(sourceFiles(LIB).map((file) => ({ file, text: readFileSync(file, "utf8") })));

  it("sees the imports that make the floors", () => {
    expect(graph.get("aws")?.has("inventory")).toBe(true);
    expect(graph.get("posture")?.has("controls")).toBe(true);
  });

  it("has no import cycle between folders", () => {
    const cycle = findCycle(graph);
    expect(cycle && describeCycle(graph, cycle)).toBeUndefined();
  });

  it("has no import cycle between files", () => {
    const files = fileGraph(sourceFiles(LIB).map((file) => ({ file, text: readFileSync(file, "utf8") })));
    expect(files.get("scan/scan-aws.ts")?.has("scan/plan.ts")).toBe(true);
    const cycle = findCycle(files);
    expect(cycle?.join(" → ")).toBeUndefined();
  });

  it("finds a cycle between files", () => {
    const files = fileGraph([
      { file: at("a/one.ts"), text: 'import { two } from "./two";' },
      { file: at("a/two.ts"), text: 'export { one } from "./one";' },
    ]);
    // The files do not exist, so nothing resolves: the shape of a cycle is checked on a graph built by hand.
    expect(files.get("a/one.ts")?.size).toBe(0);
    const loop: FolderGraph = new Map([
      ["a/one.ts", new Map([["a/two.ts", ["a/one.ts"]]])],
      ["a/two.ts", new Map([["a/one.ts", ["a/two.ts"]]])],
    ]);
    expect(findCycle(loop)).toEqual(["a/one.ts", "a/two.ts", "a/one.ts"]);
  });
});
