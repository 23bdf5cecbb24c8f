"use client";

import { useEffect } from "react";

/**
 * Opens every closed <details> while the page prints and closes them again afterwards, so a printout
 * carries what the screen folds away. CSS alone cannot open them in every browser (app/globals.css
 * does what it can for the ones where it can); renders nothing.
 */
export function PrintOpenDetails() {
  useEffect(() => {
    let opened: HTMLDetailsElement[] = [];
    const before = () => {
      opened = [...document.querySelectorAll<HTMLDetailsElement>("details:not([open])")];
      for (const details of opened) details.open = true;
    };
    const after = () => {
      for (const details of opened) details.open = false;
      opened = [];
    };
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
  return null;
}
