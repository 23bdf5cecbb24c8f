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

/** The Regions to scan: comma-separated names, "all", or empty for the server's Region. */
export function RegionsField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <label className="block text-sm">
      <span className="font-bold">Regions</span>
      <span className="block text-slate-600">
        Comma-separated, or “all” for every enabled region; empty: the server’s region.
      </span>
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="mt-1 w-full rounded border border-slate-300 px-2 py-1"
        placeholder="us-east-1, eu-west-1"
      />
    </label>
  );
}

/** The request's `regions` from the field: absent (the server's Region), "all", or the names given. */
export function regionsOf(field: string): { regions?: "all" | string[] } {
  const trimmed = field.trim();
  if (trimmed === "") return {};
  return { regions: trimmed === "all" ? "all" : trimmed.split(/[\s,]+/).filter(Boolean) };
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
