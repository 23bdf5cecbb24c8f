/**
 * Text rules shared by every Safekeep PDF (snapshot, findings and organization reports): the embedded
 * font, where long words may break, and plurals. Importing this module registers the font and the rule
 * with @react-pdf/renderer (its registry is global, so one registration serves all three reports).
 *
 * Why the break rule looks odd: react-pdf's line breaker (Knuth–Plass, in @react-pdf/textkit) turns
 * every boundary between two parts returned by the hyphenation callback into a hyphenation point, and
 * when it breaks a line there it draws a "-" that lands in the text layer: `arn:aws:iam:-…` copies
 * wrong. A zero-length part between two parts is taken as a zero-width space instead (glue, no
 * penalty), and breaking at glue adds nothing. So breakable words come back as
 * `["arn:", "", "aws:", "", …]`: they may wrap at those points and only there, and the text that is
 * copied or extracted is exactly the identifier. The pdf-text test extracts a report with pdftotext and
 * finds every ARN, action and URL unbroken, so a change in react-pdf that undoes this fails there.
 */
import path from "node:path";
import { Font } from "@react-pdf/renderer";

export const PDF_FONT_FAMILY = "DejaVu Sans";

const FONT_DIR = path.join(process.cwd(), "app", "fonts");
Font.register({
  family: PDF_FONT_FAMILY,
  fonts: [
    { src: path.join(FONT_DIR, "DejaVuSans.ttf") },
    { src: path.join(FONT_DIR, "DejaVuSans-Bold.ttf"), fontWeight: "bold" },
  ],
});

/** Words at most this long never break (Region names among them): they fit any column of the reports. */
const SHORT_WORD = 16;
/** A run without a safe point longer than this (a 64-hex id, a long key) is cut into CHUNK pieces. */
const LONG_RUN = 16;
const CHUNK = 10;
/** Plain words (letters only) longer than this are treated as identifiers too; no English word is. */
const LONG_PLAIN_WORD = 28;

/**
 * Whether a word is an identifier, URL or code rather than prose: it has a digit, or a separator
 * (`: / . _ - = @ & ? #`) with something after it (trailing punctuation does not count).
 */
function isIdentifierLike(word: string): boolean {
  return /\d/.test(word) || /[:/._\-=@&?#][^\s]/.test(word) || word.length > LONG_PLAIN_WORD;
}

/**
 * The pieces a word may wrap between, joined back into the word itself: after `: / = & ? # @ , ;`,
 * before `. _ -` (a line never ends in a "-" a reader, or a text extractor, would take for
 * hyphenation and drop), before an upper-case letter that follows a lower-case one
 * (`Describe|Serverless|Cache`), and every CHUNK characters inside a longer run with none of these.
 * Prose words come back whole: they wrap at spaces only and are never hyphenated.
 */
export function wordBreaks(word: string): string[] {
  if (word.length <= SHORT_WORD || !isIdentifierLike(word)) return [word];
  const pieces: string[] = [];
  for (const segment of word.split(/(?<=[:/=@&?#,;])|(?=[._-])|(?<=[a-z])(?=[A-Z])/)) {
    if (segment.length <= LONG_RUN) pieces.push(segment);
    else for (let i = 0; i < segment.length; i += CHUNK) pieces.push(segment.slice(i, i + CHUNK));
  }
  return pieces.filter((p) => p !== "");
}

/** The hyphenation callback: the word's pieces with an empty part between each (see above). */
export function hyphenationParts(word: string): string[] {
  const pieces = wordBreaks(word);
  return pieces.flatMap((piece, i) => (i === 0 ? [piece] : ["", piece]));
}

Font.registerHyphenationCallback(hyphenationParts);

/** "1 failing resource", "2 failing resources": the count and the word, in the right number. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
