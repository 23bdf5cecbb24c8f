/**
 * The colour theme: follow the system (the default), or a light or dark choice the user made with the
 * header's toggle. The choice lives in localStorage, and a choice other than "system" is written to
 * <html data-theme="…">; app/globals.css keys its dark palette on that attribute and, when it is absent,
 * on `prefers-color-scheme`. Pure functions here so the toggle, the pre-paint script and the tests agree.
 */

export const THEME_PREFERENCES = ["system", "light", "dark"] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

export const THEME_STORAGE_KEY = "safekeep.theme";
export const THEME_ATTRIBUTE = "data-theme";

export const THEME_LABELS: Record<ThemePreference, string> = {
  system: "System",
  light: "Light",
  dark: "Dark",
};

/** What a stored value means; anything unknown (an old or hand-edited value) is "system". */
export function parseThemePreference(value: unknown): ThemePreference {
  return value === "light" || value === "dark" ? value : "system";
}

/** The toggle's order: system → light → dark → system. */
export function nextThemePreference(current: ThemePreference): ThemePreference {
  return THEME_PREFERENCES[(THEME_PREFERENCES.indexOf(current) + 1) % THEME_PREFERENCES.length]!;
}

/** Light or dark as the page shows it, given whether the system asks for dark. */
export function resolvedTheme(preference: ThemePreference, systemPrefersDark: boolean): "light" | "dark" {
  if (preference === "system") return systemPrefersDark ? "dark" : "light";
  return preference;
}

type ReadableStorage = Pick<Storage, "getItem">;
type WritableStorage = Pick<Storage, "setItem" | "removeItem">;

/**
 * The stored preference. Storage can be missing or throw (disabled cookies, some private modes): the
 * page then follows the system, which is also what it does before anyone touches the toggle.
 */
export function readThemePreference(storage: ReadableStorage | null | undefined): ThemePreference {
  try {
    return parseThemePreference(storage?.getItem(THEME_STORAGE_KEY));
  } catch {
    return "system";
  }
}

/**
 * Stores the preference; "system" removes the key, so a later default change needs no migration.
 * Returns whether it was stored: when it was not, the choice still applies to the open page.
 */
export function writeThemePreference(
  storage: WritableStorage | null | undefined,
  preference: ThemePreference,
): boolean {
  if (!storage) return false;
  try {
    if (preference === "system") storage.removeItem(THEME_STORAGE_KEY);
    else storage.setItem(THEME_STORAGE_KEY, preference);
    return true;
  } catch {
    return false;
  }
}

/** Marks <html> with an explicit choice, or removes the mark so the CSS follows the system. */
export function applyThemePreference(
  root: Pick<Element, "setAttribute" | "removeAttribute">,
  preference: ThemePreference,
): void {
  if (preference === "system") root.removeAttribute(THEME_ATTRIBUTE);
  else root.setAttribute(THEME_ATTRIBUTE, preference);
}

/**
 * Runs in <head> before the body is painted (app/layout.tsx puts it there with the request's CSP nonce),
 * so a stored dark choice never flashes light first. Kept to the same rules as readThemePreference and
 * applyThemePreference; the tests run it against both to hold them together.
 */
export const THEME_INIT_SCRIPT =
  `try{var t=window.localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});` +
  `if(t==="light"||t==="dark")document.documentElement.setAttribute(${JSON.stringify(THEME_ATTRIBUTE)},t)}catch(e){}`;
