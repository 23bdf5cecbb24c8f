"use client";

import { useCallback, useEffect, useSyncExternalStore } from "react";
import {
  applyThemePreference,
  nextThemePreference,
  readThemePreference,
  THEME_LABELS,
  THEME_STORAGE_KEY,
  writeThemePreference,
  type ThemePreference,
} from "@/lib/theme";

const CHANGED = "safekeep:theme-changed";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// When storage cannot be written, the choice still holds for this page: it is kept here.
let unsaved: ThemePreference | undefined;

function current(): ThemePreference {
  return unsaved ?? readThemePreference(storage());
}

const noSubscription = () => () => {};

function subscribe(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    // Another tab changed the choice: follow it here too.
    if (event.key !== THEME_STORAGE_KEY && event.key !== null) return;
    applyThemePreference(document.documentElement, current());
    onChange();
  };
  window.addEventListener("storage", onStorage);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(CHANGED, onChange);
  };
}

/**
 * The header's three-state theme switch (system → light → dark). The page is already in the stored
 * theme before this hydrates (the pre-paint script in app/layout.tsx); the server renders "System"
 * because it cannot see the browser's storage, and the label catches up on hydration.
 */
export function ThemeToggle() {
  const preference = useSyncExternalStore(subscribe, current, () => "system" as const);
  // "ready" once hydrated: a click before that would do nothing, so tests wait for it.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  // Re-apply on mount: the pre-paint script may have been skipped (storage blocked at that moment).
  useEffect(() => {
    applyThemePreference(document.documentElement, current());
  }, []);

  const toggle = useCallback(() => {
    const next = nextThemePreference(current());
    unsaved = writeThemePreference(storage(), next) ? undefined : next;
    applyThemePreference(document.documentElement, next);
    window.dispatchEvent(new Event(CHANGED));
  }, []);

  const next = nextThemePreference(preference);
  return (
    <button
      type="button"
      onClick={toggle}
      data-theme-toggle={hydrated ? "ready" : ""}
      title={`Colour theme: ${THEME_LABELS[preference]}. Switch to ${THEME_LABELS[next]}.`}
      className="rounded bg-white/10 px-2 py-1 text-sm hover:bg-white/20"
    >
      Theme: {THEME_LABELS[preference]}
      <span className="sr-only">
        {preference === "system" ? " (follows your system setting)" : ""}. Activate to switch to {THEME_LABELS[next]}.
      </span>
    </button>
  );
}
