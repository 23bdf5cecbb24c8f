/**
 * The five AWS "Data protection" pages Safekeep is built from. Every control cites one of them by
 * file name; the catalog test checks the citation against this list (and, where the pages
 * themselves are available, that the quoted sentence really is on the page).
 */
export interface SeedPage {
  file: string;
  title: string;
  url: string;
}

export const SEED_PAGES: readonly SeedPage[] = [
  {
    file: "000_1318394cfcef3e54.txt",
    title: "Data Protection in Amazon ElastiCache",
    url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/data-protection.html",
  },
  {
    file: "001_38261b1fc1dc3dcd.txt",
    title: "Data protection in Amazon Cognito",
    url: "https://docs.aws.amazon.com/cognito/latest/developerguide/data-protection.html",
  },
  {
    file: "002_1fc69f31043540b1.txt",
    title: "Data Protection in Amazon Personalize",
    url: "https://docs.aws.amazon.com/personalize/latest/dg/data-protection.html",
  },
  {
    file: "003_19f6510e5e2315ca.txt",
    title: "Data protection in AWS Identity and Access Management",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/data-protection.html",
  },
  {
    file: "004_fb70acf13c3fd86e.txt",
    title: "Data protection in Amazon Connect",
    url: "https://docs.aws.amazon.com/connect/latest/adminguide/data-protection.html",
  },
];

export function seedPage(file: string): SeedPage | undefined {
  return SEED_PAGES.find((page) => page.file === file);
}

/** Seed pages are Markdown with backslash escapes; quotes are compared as text, not markup. */
export function normaliseSeedText(text: string): string {
  return text
    .replace(/\\(.)/g, "$1")
    .replace(/\*\*|__/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<a name="[^"]*"><\/a>/g, "")
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
