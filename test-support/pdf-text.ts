import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A PDF's text as pdftotext reads it (`-layout`: columns kept apart), or undefined where pdftotext
 * (poppler-utils, installed by npm test's setup) is missing, so text checks are skipped there.
 * `flat`: every run of white space as one space, for phrases that may wrap.
 */
export function pdfText(pdf: Buffer | Uint8Array | string, options: { layout?: boolean; flat?: boolean } = {}) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "safekeep-pdf-text-")), "report.pdf");
  writeFileSync(file, pdf);
  let text: string;
  try {
    text = execFileSync("pdftotext", [...(options.layout === false ? [] : ["-layout"]), file, "-"], {
      encoding: "utf8",
    });
  } catch {
    return undefined;
  }
  return options.flat ? text.replace(/\s+/g, " ") : text;
}
