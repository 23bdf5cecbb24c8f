/**
 * Check-digit algorithms the personal-data detectors use to tell a real identifier from a random
 * digit run (docs/controls.md#personal-data). Implemented in-house: each is a few lines, and a dependency would
 * be a supply-chain risk for code that sees customer metadata. Inputs are plain strings; callers strip
 * separators first.
 */

const DIGITS_ONLY = /^\d+$/;

/** Luhn (mod 10): from the rightmost digit, double every second digit, subtract 9 when above 9, sum. */
export function luhn(digits: string): boolean {
  if (!DIGITS_ONLY.test(digits) || digits.length < 2) return false;
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * IBAN length per country, from the ISO 13616 registry maintained by SWIFT (release of December 2024).
 * Territories that use their parent's code (Åland → FI, French overseas departments → FR) need no row.
 */
// prettier-ignore
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27,
  BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28,
  EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21,
  LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22,
  RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25,
  SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/**
 * BBAN structure per country from the same registry, in its own notation: `n` digits, `a` upper-case
 * letters, `c` either, each run preceded by its length. Checking it as well as the length and mod-97
 * is what lets the detector accept IBANs in lower case (bucket names, cache ids) without reading every
 * random token of the right length as one: a token must have the country's digits exactly where
 * they belong, and then pass the 1-in-97 check.
 */
// prettier-ignore
export const IBAN_BBAN_FORMATS: Readonly<Record<string, string>> = {
  AD: "8n12c", AE: "19n", AL: "8n16c", AT: "16n", AZ: "4a20c", BA: "16n", BE: "12n", BG: "4a6n8c",
  BH: "4a14c", BI: "23n", BR: "23n1a1c", BY: "4a4n16c", CH: "5n12c", CR: "18n", CY: "8n16c", CZ: "20n",
  DE: "18n", DJ: "23n", DK: "14n", DO: "4a20n", EE: "16n", EG: "25n", ES: "20n", FI: "14n", FK: "2a12n",
  FO: "14n", FR: "10n11c2n", GB: "4a14n", GE: "2a16n", GI: "4a15c", GL: "14n", GR: "7n16c", GT: "24c",
  HN: "4a20n", HR: "17n", HU: "24n", IE: "4c14n", IL: "19n", IQ: "4a15n", IS: "22n", IT: "1a10n12c",
  JO: "4a4n18c", KW: "4a22c", KZ: "3n13c", LB: "4n20c", LC: "4a24c", LI: "5n12c", LT: "16n", LU: "3n13c",
  LV: "4a13c", LY: "21n", MC: "10n11c2n", MD: "20c", ME: "18n", MK: "3n10c2n", MN: "16n", MR: "23n",
  MT: "4a5n18c", MU: "4a19n3a", NI: "4a20n", NL: "4a10n", NO: "11n", OM: "3n16c", PK: "4c16n", PL: "24n",
  PS: "4c21n", PT: "21n", QA: "4a21c", RO: "4a16c", RS: "18n", RU: "14n15c", SA: "2n18c", SC: "4a20n3a",
  SD: "14n", SE: "20n", SI: "15n", SK: "20n", SM: "1a10n12c", SO: "19n", ST: "21n", SV: "4a20n", TL: "19n",
  TN: "20n", TR: "5n17c", UA: "6n19c", VA: "18n", VG: "4c16n", XK: "16n", YE: "4a4n18c",
};

const BBAN_CHARACTER_CLASSES: Readonly<Record<string, string>> = { n: "[0-9]", a: "[A-Z]", c: "[A-Z0-9]" };

/** The BBAN formats compiled once into anchored expressions. */
const BBAN_PATTERNS: ReadonlyMap<string, RegExp> = new Map(
  Object.entries(IBAN_BBAN_FORMATS).map(([country, format]) => [
    country,
    new RegExp(
      `^${[...format.matchAll(/(\d+)([nac])/g)].map(([, count, kind]) => `${BBAN_CHARACTER_CLASSES[kind!]}{${count}}`).join("")}$`,
    ),
  ]),
);

/** The BBAN (what follows country code and check digits) has the structure registered for its country. */
export function ibanBbanMatches(iban: string): boolean {
  const pattern = BBAN_PATTERNS.get(iban.slice(0, 2));
  return pattern !== undefined && pattern.test(iban.slice(4));
}

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]+$/;

/** The registered IBAN length of a country code; undefined when the country issues no IBANs. */
export function ibanLength(countryCode: string): number | undefined {
  return Object.hasOwn(IBAN_LENGTHS, countryCode) ? IBAN_LENGTHS[countryCode] : undefined;
}

/**
 * ISO 7064 MOD 97-10 check of a compact, upper-case IBAN: move the first four characters to the end,
 * read letters as 10..35, and keep a running remainder (at most 9 digits at a time) so the number
 * never exceeds Number.MAX_SAFE_INTEGER. Valid when the remainder is 1. Does not check the length.
 */
export function ibanMod97(iban: string): boolean {
  if (!IBAN_SHAPE.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let numeric = "";
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    numeric += code >= 65 ? String(code - 55) : char;
  }
  let remainder = 0;
  for (let i = 0; i < numeric.length; i += 7) {
    // remainder < 97 has at most 2 digits; with 7 more the chunk stays at 9 digits.
    remainder = Number(`${remainder}${numeric.slice(i, i + 7)}`) % 97;
  }
  return remainder === 1;
}

/** A compact, upper-case IBAN with its country's registered length and BBAN structure, and a valid mod-97 check. */
export function isValidIban(iban: string): boolean {
  return ibanLength(iban.slice(0, 2)) === iban.length && ibanBbanMatches(iban) && ibanMod97(iban);
}

/** The two check digits that make `country + digits + bban` pass mod-97 (for building test data). */
export function ibanCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`;
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    remainder = Number(`${remainder}${code >= 65 ? String(code - 55) : char}`) % 97;
  }
  return String(98 - remainder).padStart(2, "0");
}

/** Verhoeff tables: multiplication in the dihedral group D5, the position permutation, the inverse. */
const VERHOEFF_D: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
/** Inverse of each element of D5; used to compute a check digit, kept to document the full scheme. */
export const VERHOEFF_INV: readonly number[] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

function verhoeffChecksum(digits: string): number {
  let check = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    check = VERHOEFF_D[check]![VERHOEFF_P[i % 8]![digit]!]!;
  }
  return check;
}

/** Verhoeff: a number including its check digit is valid when the running checksum ends at 0. */
export function verhoeff(digits: string): boolean {
  return DIGITS_ONLY.test(digits) && verhoeffChecksum(digits) === 0;
}

/** The Verhoeff check digit to append to `digits` (for building test data and documenting the tables). */
export function verhoeffCheckDigit(digits: string): number {
  return VERHOEFF_INV[verhoeffChecksum(`${digits}0`)]!;
}

const SPANISH_CONTROL_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
const DNI_SHAPE = /^(\d{8})-?([A-Z])$/i;
const NIE_SHAPE = /^([XYZ])(\d{7})-?([A-Z])$/i;
const NIE_PREFIX_DIGIT: Readonly<Record<string, string>> = { X: "0", Y: "1", Z: "2" };

/** Control letter of a Spanish DNI number (NIE: the X/Y/Z prefix already replaced by 0/1/2). */
export function spanishControlLetter(number: string): string {
  return SPANISH_CONTROL_LETTERS[Number(number) % 23]!;
}

/** A Spanish DNI (`12345678Z`) or NIE (`X1234567L`) whose control letter matches. Case-insensitive. */
export function isValidSpanishId(value: string): boolean {
  const dni = DNI_SHAPE.exec(value);
  if (dni) return spanishControlLetter(dni[1]!) === dni[2]!.toUpperCase();
  const nie = NIE_SHAPE.exec(value);
  if (nie) return spanishControlLetter(NIE_PREFIX_DIGIT[nie[1]!.toUpperCase()]! + nie[2]!) === nie[3]!.toUpperCase();
  return false;
}
