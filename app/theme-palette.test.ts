/**
 * The dark theme (app/globals.css) redefines Tailwind's colour variables rather than adding dark:
 * classes to components, so nothing in the components says whether a pairing still reads in the dark.
 * This test does: it collects every text/background colour pairing the components write and holds the
 * dark palette to WCAG AA (4.5:1), or to the light theme's own contrast where that is already lower
 * (decorative greys), so the dark theme never makes a pairing worse than AA or than it was.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TREND_CLASSES } from "@/components/posture/score-trend";
import { SEVERITY_BAR_CLASSES } from "@/components/posture/severity-bars";
import { BAR_COLOURS } from "@/components/posture/status-bar";

const ROOT = path.resolve(__dirname, "..");
const AA = 4.5;

// --- colours -------------------------------------------------------------------------------------

type Linear = [number, number, number];

function hexToLinear(hex: string): Linear {
  const full = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, "#$1$1$2$2$3$3") : hex;
  const channels = [1, 3, 5].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  return channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as Linear;
}

/** CSS Color 4's OKLCH → linear sRGB, clamped to the sRGB gamut as a browser would show it. */
function oklchToLinear(value: string): Linear {
  const match = /^oklch\(([\d.]+)%\s+([\d.]+)\s+([\d.]+)\)$/.exec(value);
  if (!match) throw new Error(`not an oklch() colour: ${value}`);
  const [L, C, h] = [Number(match[1]) / 100, Number(match[2]), (Number(match[3]) * Math.PI) / 180];
  const [a, b] = [C * Math.cos(h), C * Math.sin(h)];
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const rgb = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  return rgb.map((c) => Math.min(1, Math.max(0, c))) as Linear;
}

function toLinear(value: string): Linear {
  return value.startsWith("#") ? hexToLinear(value) : oklchToLinear(value);
}

function contrast(fg: string, bg: string): number {
  const luminance = ([r, g, b]: Linear) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const [x, y] = [luminance(toLinear(fg)), luminance(toLinear(bg))].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

// --- the two palettes ----------------------------------------------------------------------------

/** Tailwind's own colour variables: the light theme. */
function lightPalette(): Map<string, string> {
  const css = readFileSync(path.join(ROOT, "node_modules/tailwindcss/theme.css"), "utf8");
  return new Map([...css.matchAll(/--color-([a-z]+(?:-\d+)?):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

/** The variables the dark theme sets on :root (the first `@variant dark` block of app/globals.css). */
function darkPalette(): Map<string, string> {
  const css = readFileSync(path.join(ROOT, "app/globals.css"), "utf8");
  const block = /:root\s*\{\s*@variant dark\s*\{([^}]*)\}/.exec(css)?.[1];
  if (!block) throw new Error("app/globals.css has no `:root { @variant dark { … } }` block");
  return new Map([...block.matchAll(/--color-([a-z]+(?:-\d+)?):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

// --- what the components write -------------------------------------------------------------------

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

const COLOUR = "(white|black|[a-z]+-(?:50|[1-9]00|950))";
const TEXT = new RegExp(`^text-${COLOUR}$`);
const BACKGROUND = new RegExp(`^bg-${COLOUR}$`);
const ANY_COLOUR_UTILITY = new RegExp(`(?:^|:)(?:text|bg|border|ring|divide|outline|fill|stroke)-${COLOUR}(?:/\\d+)?$`);

/** Each string literal's class tokens; a template's `${…}` parts are left out. */
function classStrings(file: string): string[][] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/"([^"\n]*)"|`([^`]*)`/g)].map((m) =>
    (m[1] ?? m[2]!)
      .replace(/\$\{[^}]*\}/g, " ")
      .split(/\s+/)
      .filter(Boolean),
  );
}

const files = [...sourceFiles("components"), ...sourceFiles("app")];
const strings = files.flatMap(classStrings);

/**
 * Text on background. A string with both a text and a background colour pairs them; a text colour
 * alone sits on whatever is behind it: the page, a card, a grey fill, or a tint of its own hue
 * (text-red-800 inside a bg-red-50 box).
 */
function pairings(): Array<[text: string, background: string]> {
  const pairs = new Set<string>();
  for (const tokens of strings) {
    const texts = tokens.flatMap((t) => TEXT.exec(t)?.[1] ?? []);
    const backgrounds = tokens.flatMap((t) => BACKGROUND.exec(t)?.[1] ?? []);
    for (const text of texts) {
      const behind = backgrounds.length
        ? backgrounds
        : [
            "white",
            "slate-50",
            "slate-100",
            ...(/^([a-z]+)-\d+$/.test(text) ? ["50", "100"].map((s) => `${text.split("-")[0]}-${s}`) : []),
          ];
      for (const background of behind) pairs.add(`${text} ${background}`);
    }
  }
  return [...pairs].map((p) => p.split(" ") as [string, string]);
}

describe("the dark palette (app/globals.css)", () => {
  const light = lightPalette();
  const dark = darkPalette();

  it("finds the pairings it checks (a guard against the scan silently finding nothing)", () => {
    const found = pairings().map(([t, b]) => `${t} on ${b}`);
    expect(found).toContain("slate-600 on white");
    expect(found).toContain("white on slate-900");
    expect(found).toContain("red-800 on red-100");
    expect(found).toContain("blue-700 on white");
    expect(found.length).toBeGreaterThan(40);
  });

  it("gives every palette colour the components use a dark value", () => {
    const used = new Set(
      strings.flat().flatMap((t) => {
        const match = ANY_COLOUR_UTILITY.exec(t);
        return match ? [match[1]!] : [];
      }),
    );
    const missing = [...used].filter((c) => !dark.has(c) && light.has(c)).sort();
    expect(missing, "add these to the `:root { @variant dark { … } }` block").toEqual([]);
  });

  it.each(pairings())("keeps text-%s on bg-%s readable", (text, background) => {
    const [lightText, lightBackground] = [light.get(text), light.get(background)];
    if (!lightText || !lightBackground) return; // not a Tailwind palette colour
    const [darkText, darkBackground] = [dark.get(text) ?? lightText, dark.get(background) ?? lightBackground];
    const required = Math.min(AA, contrast(lightText, lightBackground));
    expect(contrast(darkText, darkBackground)).toBeGreaterThanOrEqual(required - 0.01);
  });

  it("computes contrast as WCAG does (known pairs)", () => {
    expect(contrast("#000", "#fff")).toBeCloseTo(21, 5);
    expect(contrast("#64748b", "#ffffff")).toBeCloseTo(4.76, 2);
    // Tailwind 4's slate-500 is the same colour as the classic #64748b, give or take rounding.
    expect(contrast("oklch(55.4% 0.046 257.417)", "#fff")).toBeCloseTo(4.76, 1);
  });
});

/**
 * Graphical objects that carry meaning (bar segments, the trend's line, points and scope marker) need
 * 3:1 against what they sit on (WCAG 1.4.11), in both themes. They sit on cards (white) or the page
 * (slate-50). Before this check the warning bars were amber-400 (1.7:1 on white) and the
 * not-applicable segment slate-300 (1.5:1).
 */
describe("chart colours (WCAG 1.4.11, 3:1 for graphical objects)", () => {
  const light = lightPalette();
  const dark = darkPalette();
  const NON_TEXT = 3;
  const colourOf = (utility: string) => /^(?:bg|stroke|border|fill)-([a-z]+-\d+)$/.exec(utility)![1]!;
  const fills = [
    ...Object.entries(SEVERITY_BAR_CLASSES).map(([k, c]) => [`severity bar ${k}`, colourOf(c)] as const),
    ...Object.entries(BAR_COLOURS).map(([k, c]) => [`status bar ${k}`, colourOf(c)] as const),
    ...Object.entries(TREND_CLASSES).map(([k, c]) => [`score trend ${k}`, colourOf(c)] as const),
  ];

  it("reads every chart colour from the components (a guard against checking nothing)", () => {
    expect(fills.map(([, c]) => c)).toEqual(expect.arrayContaining(["amber-600", "slate-500", "blue-700"]));
    expect(fills.length).toBe(11);
  });

  it.each(fills.flatMap(([what, colour]) => ["white", "slate-50"].map((bg) => [what, colour, bg] as const)))(
    "%s (%s) on %s",
    (_what, colour, background) => {
      const lightColour = light.get(colour)!;
      const lightBackground = background === "white" ? "#fff" : light.get(background)!;
      expect(contrast(lightColour, lightBackground), "light theme").toBeGreaterThanOrEqual(NON_TEXT);
      const darkColour = dark.get(colour) ?? lightColour;
      const darkBackground = dark.get(background) ?? lightBackground;
      expect(contrast(darkColour, darkBackground), "dark theme").toBeGreaterThanOrEqual(NON_TEXT);
    },
  );

  it("measures the colours the charts used before as failing (the check can fail)", () => {
    expect(contrast(light.get("amber-400")!, "#fff")).toBeLessThan(NON_TEXT);
    expect(contrast(light.get("slate-300")!, "#fff")).toBeLessThan(NON_TEXT);
  });
});
