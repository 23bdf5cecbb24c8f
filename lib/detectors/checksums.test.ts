import { describe, expect, it } from "vitest";
import {
  IBAN_BBAN_FORMATS,
  IBAN_LENGTHS,
  ibanBbanMatches,
  ibanCheckDigits,
  ibanLength,
  ibanMod97,
  isValidIban,
  isValidSpanishId,
  luhn,
  spanishControlLetter,
  verhoeff,
  verhoeffCheckDigit,
} from "./checksums";

describe("luhn", () => {
  it.each([
    ["4111111111111111", true],
    ["5555555555554444", true],
    ["378282246310005", true],
    ["6011111111111117", true],
    ["30569309025904", true],
    ["79927398713", true],
    ["130692544", true],
    ["4111111111111112", false],
    ["1234567812345678", false],
    ["79927398710", false],
    ["4111 1111 1111 1111", false], // callers strip separators first
    ["", false],
    ["7", false],
    ["abcdefgh", false],
  ])("%s → %s", (digits, valid) => {
    expect(luhn(digits)).toBe(valid);
  });
});

describe("ibanMod97 and isValidIban", () => {
  it.each([
    ["DE89370400440532013000", true],
    ["GB82WEST12345698765432", true],
    ["GB29NWBK60161331926819", true],
    ["NL91ABNA0417164300", true],
    ["FR1420041010050500013M02606", true],
    ["NO9386011117947", true],
    ["BE68539007547034", true],
    ["DE89370400440532013001", false], // one digit changed
    ["DE98370400440532013000", false], // check digits swapped
    ["GB82west12345698765432", false], // compact IBANs are upper case
    ["DE8937040044053201300", false], // too short for DE
    ["DE893704004405320130000", false], // too long for DE
    ["QQ89370400440532013000", false], // no such country
    ["", false],
  ])("%s → %s", (iban, valid) => {
    expect(isValidIban(iban)).toBe(valid);
  });

  it("checks the remainder independently of the length table", () => {
    // A valid DE IBAN with its check digits recomputed for a longer body would still need the length.
    expect(ibanMod97("DE89370400440532013000")).toBe(true);
    expect(ibanMod97("DE00370400440532013000")).toBe(false);
    expect(ibanMod97("12345")).toBe(false);
  });

  it.each([
    "FR1420041010050500013M02606",
    "IT60X0542811101000000123456",
    "ES9121000418450200051332",
    "CH9300762011623852957",
    "PL61109010140000071219812874",
    "IE29AIBK93115212345678",
    "MT84MALT011000012345MTLCAST001S",
    "BR1800360305000010009795493C1",
    "SC18SSCB11010000000000001497USD",
    "MU17BOMM0101101030300200000MUR",
    "GE29NB0000000101904917",
    "LC55HEMM000100010012001200023015",
    "RU0204452560040702810412345678901",
    "YE15CBYE0001018861234567891234",
    "FK88SC123456789012",
    "HN88CABF00000000000250005469",
    "SA0380000000608010167519",
  ])("accepts the registry's example %s (length, BBAN structure and check)", (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    ["GB82W3ST12345698765432", "a digit where GB has a bank-code letter"],
    ["DE89370400440532O13000", "a letter where DE has only digits"],
    ["NL91ABNA041716430A", "a letter in NL's account digits"],
  ])("rejects %s: %s", (iban) => {
    expect(ibanBbanMatches(iban)).toBe(false);
    expect(isValidIban(iban)).toBe(false);
  });

  it("has a BBAN structure for every country with a registered length, adding up to it", () => {
    expect(Object.keys(IBAN_BBAN_FORMATS).sort()).toEqual(Object.keys(IBAN_LENGTHS).sort());
    for (const [country, format] of Object.entries(IBAN_BBAN_FORMATS)) {
      const bbanLength = [...format.matchAll(/(\d+)[nac]/g)].reduce((sum, [, count]) => sum + Number(count), 0);
      expect(bbanLength + 4, country).toBe(IBAN_LENGTHS[country]);
    }
  });

  it("computes the check digits that make an IBAN valid", () => {
    expect(ibanCheckDigits("DE", "370400440532013000")).toBe("89");
    expect(ibanCheckDigits("GB", "WEST12345698765432")).toBe("82");
    expect(ibanCheckDigits("NO", "86011117947")).toBe("93");
  });

  it("knows the registry lengths, including the longest and shortest", () => {
    expect(ibanLength("NO")).toBe(15);
    expect(ibanLength("RU")).toBe(33);
    expect(ibanLength("LC")).toBe(32);
    expect(ibanLength("US")).toBeUndefined();
    expect(ibanLength("toString")).toBeUndefined();
    for (const length of Object.values(IBAN_LENGTHS)) {
      expect(length).toBeGreaterThanOrEqual(15);
      expect(length).toBeLessThanOrEqual(34);
    }
  });
});

describe("verhoeff", () => {
  it.each([
    ["2363", true], // textbook example: 236 → check digit 3
    ["234567890124", true],
    ["498473625166", true],
    ["2364", false],
    ["234567890125", false],
    ["234567890142", false], // adjacent transposition is caught
    ["", false],
    ["12a4", false],
  ])("%s → %s", (digits, valid) => {
    expect(verhoeff(digits)).toBe(valid);
  });

  it("computes the check digit that makes a number valid", () => {
    expect(verhoeffCheckDigit("236")).toBe(3);
    expect(verhoeff(`12345${verhoeffCheckDigit("12345")}`)).toBe(true);
  });
});

describe("Spanish DNI / NIE control letter", () => {
  it("maps n % 23 onto the official letter table", () => {
    expect(spanishControlLetter("12345678")).toBe("Z");
    expect(spanishControlLetter("00000000")).toBe("T");
    expect(spanishControlLetter("00000022")).toBe("E");
  });

  it.each([
    ["12345678Z", true],
    ["12345678-Z", true],
    ["12345678z", true],
    ["X1234567L", true],
    ["Y1234567X", true],
    ["x1234567-l", true],
    ["12345678A", false],
    ["X1234567A", false],
    ["W1234567L", false],
    ["1234567Z", false],
    ["123456789Z", false],
  ])("%s → %s", (value, valid) => {
    expect(isValidSpanishId(value)).toBe(valid);
  });
});
