/**
 * First-load JavaScript of a page (Next 16 no longer prints it): fetch the page from the production server, take every `<script src>` it
 * references, fetch each once and gzip it. The sum is what a first visit downloads before the page
 * is interactive; inline scripts (the RSC payload) are page data, not code, and are not counted.
 */
import { gzipSync } from "node:zlib";

export interface FirstLoad {
  page: string;
  path: string;
  scripts: number;
  rawKb: number;
  gzipKb: number;
}

/** `src` of every `<script>` element with one, in document order, without repeats. */
export function scriptSources(html: string): string[] {
  const sources = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/gi)].map((m) => (m[1] ?? "").replace(/&amp;/g, "&"));
  return [...new Set(sources)];
}

export async function measureFirstLoad(baseUrl: string, pages: Record<string, string>): Promise<FirstLoad[]> {
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const measured: FirstLoad[] = [];
  for (const [page, pagePath] of Object.entries(pages)) {
    const response = await fetch(new URL(pagePath, baseUrl));
    if (!response.ok) throw new Error(`${pagePath}: HTTP ${response.status}`);
    const sources = scriptSources(await response.text());
    let raw = 0;
    let gzip = 0;
    for (const source of sources) {
      const url = new URL(source, baseUrl).href;
      let size = sizes.get(url);
      if (!size) {
        const script = await fetch(url);
        if (!script.ok) throw new Error(`${source}: HTTP ${script.status}`);
        const body = Buffer.from(await script.arrayBuffer());
        size = { raw: body.length, gzip: gzipSync(body).length };
        sizes.set(url, size);
      }
      raw += size.raw;
      gzip += size.gzip;
    }
    measured.push({ page, path: pagePath, scripts: sources.length, rawKb: raw / 1024, gzipKb: gzip / 1024 });
  }
  return measured;
}
