import { describe, expect, it } from "vitest";
import {
  applyThemePreference,
  nextThemePreference,
  parseThemePreference,
  readThemePreference,
  resolvedTheme,
  THEME_ATTRIBUTE,
  THEME_INIT_SCRIPT,
  THEME_STORAGE_KEY,
  writeThemePreference,
  type ThemePreference,
} from "./theme";

/** localStorage as the browser has it: strings only, and a quota or a privacy mode that can throw. */
class FakeStorage {
  readonly items = new Map<string, string>();
  constructor(private readonly failing = false) {}
  getItem(key: string): string | null {
    if (this.failing) throw new DOMException("The operation is insecure.", "SecurityError");
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failing) throw new DOMException("Quota exceeded", "QuotaExceededError");
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    if (this.failing) throw new DOMException("The operation is insecure.", "SecurityError");
    this.items.delete(key);
  }
}

/** The bits of <html> the theme touches. */
class FakeRoot {
  readonly attributes = new Map<string, string>();
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  removeAttribute(name: string): void {
    this.attributes.delete(name);
  }
}

describe("parseThemePreference", () => {
  it.each([
    ["light", "light"],
    ["dark", "dark"],
    ["system", "system"],
    // Anything else (nothing stored, an old or hand-edited value) follows the system.
    [null, "system"],
    [undefined, "system"],
    ["", "system"],
    ["Dark", "system"],
    ["auto", "system"],
    [" dark", "system"],
  ])("%j → %s", (stored, expected) => {
    expect(parseThemePreference(stored)).toBe(expected);
  });
});

describe("nextThemePreference", () => {
  it("cycles system → light → dark → system", () => {
    const seen: ThemePreference[] = ["system"];
    for (let i = 0; i < 3; i++) seen.push(nextThemePreference(seen.at(-1)!));
    expect(seen).toEqual(["system", "light", "dark", "system"]);
  });
});

describe("resolvedTheme", () => {
  it.each([
    ["system", false, "light"],
    ["system", true, "dark"],
    ["light", true, "light"],
    ["dark", false, "dark"],
  ] as const)("%s with a dark system %s → %s", (preference, systemDark, expected) => {
    expect(resolvedTheme(preference, systemDark)).toBe(expected);
  });
});

describe("reading and writing the stored preference", () => {
  it("round-trips light and dark, and removes the key for system", () => {
    const storage = new FakeStorage();
    expect(readThemePreference(storage)).toBe("system");
    expect(writeThemePreference(storage, "dark")).toBe(true);
    expect(storage.items.get(THEME_STORAGE_KEY)).toBe("dark");
    expect(readThemePreference(storage)).toBe("dark");
    expect(writeThemePreference(storage, "light")).toBe(true);
    expect(readThemePreference(storage)).toBe("light");
    expect(writeThemePreference(storage, "system")).toBe(true);
    expect(storage.items.has(THEME_STORAGE_KEY)).toBe(false);
    expect(readThemePreference(storage)).toBe("system");
  });

  it("follows the system when storage is missing or throws, and says the choice was not stored", () => {
    expect(readThemePreference(null)).toBe("system");
    expect(readThemePreference(undefined)).toBe("system");
    expect(readThemePreference(new FakeStorage(true))).toBe("system");
    expect(writeThemePreference(null, "dark")).toBe(false);
    expect(writeThemePreference(new FakeStorage(true), "dark")).toBe(false);
  });

  it("ignores a value it does not know", () => {
    const storage = new FakeStorage();
    storage.items.set(THEME_STORAGE_KEY, "sepia");
    expect(readThemePreference(storage)).toBe("system");
  });
});

describe("applyThemePreference", () => {
  it("marks <html> with light or dark, and removes the mark for system", () => {
    const root = new FakeRoot();
    applyThemePreference(root, "dark");
    expect(root.attributes.get(THEME_ATTRIBUTE)).toBe("dark");
    applyThemePreference(root, "light");
    expect(root.attributes.get(THEME_ATTRIBUTE)).toBe("light");
    applyThemePreference(root, "system");
    expect(root.attributes.has(THEME_ATTRIBUTE)).toBe(false);
  });
});

describe("THEME_INIT_SCRIPT (runs before paint)", () => {
  /** Runs the script as the browser would, against a page whose <html> has no mark yet. */
  function runScript(storage: FakeStorage): FakeRoot {
    const root = new FakeRoot();
    new Function("window", "document", THEME_INIT_SCRIPT)({ localStorage: storage }, { documentElement: root });
    return root;
  }

  it.each([["dark"], ["light"], ["system"], ["sepia"], [null]])(
    "with %j stored, marks <html> exactly as the toggle would",
    (stored) => {
      const storage = new FakeStorage();
      if (stored !== null) storage.items.set(THEME_STORAGE_KEY, stored);
      const expected = new FakeRoot();
      applyThemePreference(expected, readThemePreference(storage));
      expect(runScript(storage).attributes).toEqual(expected.attributes);
    },
  );

  it("does not throw when storage does (the page then follows the system)", () => {
    expect(runScript(new FakeStorage(true)).attributes.size).toBe(0);
  });

  it("is one self-contained statement with no markup that could end the <script> element early", () => {
    expect(THEME_INIT_SCRIPT).not.toMatch(/<\/?script|<!--/i);
    expect(THEME_INIT_SCRIPT).toContain(JSON.stringify(THEME_STORAGE_KEY));
  });
});
