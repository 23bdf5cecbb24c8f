/**
 * Keeps docs/controls.md, the control catalog the code comments point to, in step with the controls
 * themselves, and keeps those pointers inside the repo.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import type { Control, ControlMeta } from "@/lib/controls/types";
import {
  DOC_PATH,
  formattedControlsDoc,
  GENERAL_SECTIONS,
  renderControlsDoc,
  VERDICT_PREFIXES,
} from "./generate-controls-doc";

const ROOT = path.resolve(path.dirname(DOC_PATH), "..");
const SOURCE_DIRS = ["lib", "app", "components", "fake-aws", "bench", "scripts", "e2e"];
const SOURCE_FILE = /\.(?:ts|tsx|mts|mjs)$/;
const PROSE_FILES = ["README.md", "BENCHMARKS.md", "CONTRIBUTING.md"];

function sourceFiles(): string[] {
  return SOURCE_DIRS.filter((dir) => existsSync(path.join(ROOT, dir))).flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
      .filter((file) => SOURCE_FILE.test(file) && !file.split(path.sep).includes("node_modules"))
      .map((file) => path.join(dir, file)),
  );
}

function anchorsOf(doc: string): Set<string> {
  return new Set([...doc.matchAll(/<a id="([^"]+)"><\/a>/g)].map((match) => match[1] ?? ""));
}

/** A registered control's metadata with some fields replaced, for rendering tests. */
function fakeControl(base: Control, meta: Partial<ControlMeta>): Control {
  return { meta: { ...base.meta, ...meta }, evaluate: () => [] };
}

describe("control catalog document", () => {
  it("docs/controls.md is what the generator renders now", async () => {
    const expected = await formattedControlsDoc();
    const actual = existsSync(DOC_PATH) ? readFileSync(DOC_PATH, "utf8") : "";
    expect(actual, "stale: run npm run docs:controls").toBe(expected);
  });

  it.each(CONTROLS.map((c) => [c.meta.id, c.meta] as const))(
    "%s: has 2 to 5 verdict lines, each starting with a status",
    (_id, meta) => {
      const verdicts = meta.verdicts ?? [];
      expect(verdicts.length).toBeGreaterThanOrEqual(2);
      expect(verdicts.length).toBeLessThanOrEqual(5);
      for (const line of verdicts) {
        const prefix = VERDICT_PREFIXES.find((p) => line.startsWith(`${p}: `));
        expect(prefix, `"${line}" starts with one of ${VERDICT_PREFIXES.join(", ")}`).toBeDefined();
        expect(line.length - (prefix?.length ?? 0)).toBeGreaterThan(15);
      }
    },
  );

  it("gives every control a section whose anchor is its id, once", () => {
    const doc = renderControlsDoc();
    for (const { meta } of CONTROLS) {
      expect(doc.split(`<a id="${meta.id}"></a>`).length - 1, meta.id).toBe(1);
      expect(doc).toContain(`(#${meta.id})`);
    }
    for (const [anchor] of GENERAL_SECTIONS) expect(anchorsOf(doc)).toContain(anchor);
  });

  it("groups by service, then by recommendation in the seed pages' order, and keeps metadata text literal", () => {
    const [first] = CONTROLS;
    if (!first) throw new Error("no controls registered");
    const controls = [
      fakeControl(first, {
        id: "connect.zz-late",
        service: "connect",
        recommendation: "mfa",
        title: "Connect MFA check",
      }),
      fakeControl(first, {
        id: "iam.star",
        service: "iam",
        recommendation: "encryption",
        title: "No policy grants *:* to <anyone>",
        verdicts: ["error: it could not be read.", "fail: a policy allows *:* on resource *.", "pass: none does."],
      }),
      fakeControl(first, { id: "iam.creds", service: "iam", recommendation: "credentials", title: "Credential check" }),
    ];
    const doc = renderControlsDoc(controls);
    const order = [
      "## AWS IAM and STS",
      'id="iam.creds"',
      'id="iam.star"',
      "## Amazon Connect",
      'id="connect.zz-late"',
    ];
    const positions = order.map((marker) => doc.indexOf(marker));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(doc).not.toContain("## Amazon ElastiCache");
    expect(doc).toContain("No policy grants \\*:\\* to \\<anyone\\>");
    // Status order, whatever order the control wrote them in.
    expect(doc.indexOf("- **pass**: none does.")).toBeLessThan(doc.indexOf("- **fail**: a policy allows"));
    expect(doc.indexOf("- **fail**: a policy allows \\*:\\* on resource \\*.")).toBeLessThan(
      doc.indexOf("- **error**: it could not be read."),
    );
    expect(doc).toMatch(/^Safekeep evaluates 3 controls/m);
  });

  it("every anchor of docs/controls.md that the code or the docs cite exists", () => {
    const anchors = anchorsOf(renderControlsDoc());
    const cited = [...sourceFiles(), ...PROSE_FILES].flatMap((file) =>
      [...readFileSync(path.join(ROOT, file), "utf8").matchAll(/docs\/controls\.md#([\w.-]*[\w])/g)].map(
        (match) => [file, match[1] ?? ""] as const,
      ),
    );
    expect(cited.length).toBeGreaterThan(50);
    const missing = cited.filter(([, anchor]) => !anchors.has(anchor)).map(([file, anchor]) => `${file}: #${anchor}`);
    expect(missing).toEqual([]);
  });

  it("no file cites sections of a catalog outside the repo", () => {
    // Built from parts so this file does not match itself.
    const section = new RegExp(`(?:controls\\.md\\s*)?\u00a7\\s*\\d`);
    const offenders = [...sourceFiles(), ...PROSE_FILES].filter((file) =>
      section.test(readFileSync(path.join(ROOT, file), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
