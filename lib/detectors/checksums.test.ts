import { describe, expect, it } from "vitest";
import {
  IBAN_LENGTHS,
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
