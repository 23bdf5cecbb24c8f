import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SEED_PAGES, seedPage } from "./seeds";

const SEEDS_DIR = process.env.SAFEKEEP_SEEDS_DIR ?? path.resolve(__dirname, "../../../shared/seeds");
const seedsPresent = existsSync(SEEDS_DIR);

/** The seed page's own heading line: `# Data protection in Amazon Cognito<a name="data-protection"></a>`. */
function heading(file: string): { title: string; anchor: string } {
  const first = readFileSync(path.join(SEEDS_DIR, file), "utf8").split("\n")[0]!;
  const match = /^# (.*?)<a name="([^"]+)"><\/a>\s*$/.exec(first);
  if (!match) throw new Error(`${file}: no heading with an anchor on its first line`);
  return { title: match[1]!.replace(/\\(.)/g, "$1"), anchor: match[2]! };
}

describe("seed pages", () => {
  it("names every page by its title and a docs.aws.amazon.com address, never by the file name", () => {
    for (const page of SEED_PAGES) {
      expect(page.title).not.toMatch(/\.txt$/);
      expect(new URL(page.url).host).toBe("docs.aws.amazon.com");
      expect(seedPage(page.file)).toBe(page);
    }
  });

  // The pages are AWS documentation sources: the heading is the page title and its anchor the page's
  // file name on docs.aws.amazon.com, so the title and the address's last part come from the file.
  it.skipIf(!seedsPresent)(
    `takes each title and address from the seed page itself${seedsPresent ? "" : " (skipped: the seed pages are not beside this checkout)"}`,
    () => {
      for (const page of SEED_PAGES) {
        const { title, anchor } = heading(page.file);
        expect(page.title, page.file).toBe(title);
        expect(new URL(page.url).pathname.split("/").pop(), page.file).toBe(`${anchor}.html`);
      }
    },
  );
});
