"use client";

import { useEffect, useState } from "react";

/**
 * Says when team mode's queue or database does not answer, while the page keeps serving what it
 * can. Asked after the page has rendered, so a slow probe never holds a page back.
 */
export function DependencyBanner() {
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    fetch("/api/health?deep=1", { cache: "no-store" })
      .then((response) => (response.ok ? response.json() : undefined))
      .then((health: { problem?: string } | undefined) => {
        if (live) setProblem(health?.problem);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!problem) return null;
  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
      <span className="font-bold">Degraded:</span> {problem}. Pages show what could still be read.
    </div>
  );
}
