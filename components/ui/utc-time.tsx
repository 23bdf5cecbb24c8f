"use client";

import { useSyncExternalStore } from "react";
import { formatLocal, formatUtc } from "@/lib/format/utc";

const noSubscription = () => () => undefined;

/**
 * A moment as the dashboard writes it ("2026-12-02 10:05 UTC"), with the reader's local time on hover.
 * The server does not know the reader's zone: the server render and hydration use the server snapshot
 * (no title), and React then renders again with the browser's, so the two renders never disagree.
 */
export function UtcTime({ iso, className }: { iso: string; className?: string }) {
  const local = useSyncExternalStore(
    noSubscription,
    () => formatLocal(iso),
    () => undefined,
  );
  return (
    <time dateTime={iso} title={local} className={className ? `whitespace-nowrap ${className}` : "whitespace-nowrap"}>
      {formatUtc(iso)}
    </time>
  );
}
