"use client";

/** The services a scan covers, as checkboxes; shared by the one-account and the several-accounts forms. */
export function ServiceChoices({
  services,
  chosen,
  onChange,
}: {
  services: { id: string; name: string }[];
  chosen: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-2 font-bold">Services</legend>
      <div className="grid grid-cols-2 gap-1 text-sm">
        {services.map((s) => (
          <label key={s.id} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={chosen.has(s.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(s.id);
                else next.delete(s.id);
                onChange(next);
              }}
            />
            {s.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Posts a scan request: the id to follow (the new scan's, or on 409 the one already running) and
 * the problem to show, if any.
 */
export async function requestScan(url: string, body: unknown): Promise<{ follow?: string; problem?: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { id?: string; error?: string; running?: string };
  if (response.status === 202 && answer.id) return { follow: answer.id };
  return {
    problem: answer.error ?? `The scan could not be started (HTTP ${response.status}).`,
    ...(response.status === 409 && answer.running ? { follow: answer.running } : {}),
  };
}

/** The Regions a scan covers: every enabled Region, or those ticked. */
export interface RegionChoice {
  mode: "all" | "chosen";
  chosen: ReadonlySet<string>;
}

/** The Regions the picker offers, from the server's check (lib/scan/preflight.ts). */
export interface RegionOffer {
  offered: string[];
  names: Record<string, string>;
  offeredFrom: "enabled" | "known";
  defaultRegion?: string;
  /** Whether "All enabled Regions" can be listed at scan time (a default Region and listable Regions). */
  allAvailable: boolean;
}

/** Where a form starts: "all" when it can be listed, else the server's default Region ticked (if offered). */
export function initialRegionChoice(offer: RegionOffer): RegionChoice {
  const { defaultRegion } = offer;
  return {
    mode: offer.allAvailable ? "all" : "chosen",
    chosen: new Set(defaultRegion && offer.offered.includes(defaultRegion) ? [defaultRegion] : []),
  };
}

/**
 * The request's `regions` from the picker, the server's default Region first when chosen: a scan's
 * first Region is its home Region (where IAM, storage and KMS are read from), as without a choice.
 */
export function regionsOfChoice(
  choice: RegionChoice,
  offered: readonly string[],
  defaultRegion?: string,
): { regions: "all" | string[] } {
  if (choice.mode === "all") return { regions: "all" };
  const chosen = offered.filter((r) => choice.chosen.has(r));
  return { regions: [...chosen.filter((r) => r === defaultRegion), ...chosen.filter((r) => r !== defaultRegion)] };
}

/**
 * The Regions to scan: "All enabled Regions" (listed when the scan starts) or a choice among the
 * Regions offered: the account's enabled ones, or AWS's known Regions when those could not be listed
 * (then "all" cannot be listed at scan time either, and is not offered).
 */
export function RegionPicker({
  offered,
  names,
  offeredFrom,
  defaultRegion,
  allAvailable,
  value,
  onChange,
  name = "region-mode",
  allLabel,
  groupLabel = "Regions to scan",
}: {
  offered: readonly string[];
  /** People's names of Regions ("Europe (Ireland)"), where known. */
  names: Readonly<Record<string, string>>;
  offeredFrom: "enabled" | "known";
  defaultRegion?: string;
  allAvailable: boolean;
  value: RegionChoice;
  onChange: (next: RegionChoice) => void;
  /** The radio group's name, unique on the page. */
  name?: string;
  /** Words for "all" where they differ (several accounts: each account's own Regions, not counted here). */
  allLabel?: string;
  /** The accessible name of the Region checkboxes. */
  groupLabel?: string;
}) {
  return (
    <fieldset className="text-sm">
      <legend className="mb-1 font-bold">Regions</legend>
      <label className="flex items-center gap-2">
        <input
          type="radio"
          name={name}
          checked={value.mode === "all"}
          disabled={!allAvailable}
          onChange={() => onChange({ ...value, mode: "all" })}
        />
        {allLabel ?? `All enabled Regions${offeredFrom === "enabled" ? ` (${offered.length})` : ""}`}
      </label>
      <label className="flex items-center gap-2">
        <input
          type="radio"
          name={name}
          checked={value.mode === "chosen"}
          onChange={() => onChange({ ...value, mode: "chosen" })}
        />
        These Regions:
      </label>
      {offeredFrom === "known" && (
        <p className="mt-1 text-slate-600">
          The account’s enabled Regions could not be listed, so AWS’s public Regions are offered: choose the ones your
          account uses.
        </p>
      )}
      {value.mode === "chosen" && (
        <div
          className="mt-2 grid max-h-64 grid-cols-1 gap-1 overflow-y-auto sm:grid-cols-2"
          role="group"
          aria-label={groupLabel}
        >
          {offered.map((region) => (
            <label key={region} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={value.chosen.has(region)}
                onChange={(e) => {
                  const next = new Set(value.chosen);
                  if (e.target.checked) next.add(region);
                  else next.delete(region);
                  onChange({ ...value, chosen: next });
                }}
              />
              <span>
                <span className="font-mono">{region}</span>
                {names[region] && <span className="text-slate-600"> {names[region]}</span>}
                {region === defaultRegion && <span className="text-slate-600"> (server’s default)</span>}
              </span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
