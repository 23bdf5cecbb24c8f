"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

/** What a new mute covers, as the API takes it. */
export type MuteFormTarget =
  | { kind: "finding"; findingId: string }
  | { kind: "rule"; controlId: string; resourcePattern?: string; region?: string; accountId?: string; tag?: string };

const DAY_MS = 86_400_000;

/** yyyy-mm-dd of a date `days` from now (UTC), for date inputs. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The end of the chosen day in UTC: a mute "until 1 March" holds through that day. */
function endOfDay(day: string): string {
  return `${day}T23:59:59.000Z`;
}

async function send(method: string, url: string, body?: unknown): Promise<string | undefined> {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.ok) return undefined;
  const answer = (await response.json().catch(() => ({}))) as { error?: string };
  return answer.error ?? `The server answered HTTP ${response.status}.`;
}

function Field(props: { label: string; children: React.ReactNode; hint?: string }) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-slate-700">{props.label}</span>
      {props.children}
      {props.hint && <span className="text-xs text-slate-600">{props.hint}</span>}
    </label>
  );
}

const INPUT = "rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/**
 * Creates a mute: a reason, an owner and an expiry are required (at most a year ahead; 90 days
 * offered). The page is refreshed on success so the finding shows its mark and the score moves.
 */
export function MuteForm(props: { target?: MuteFormTarget; label?: string; rule?: boolean; controls?: string[] }) {
  const router = useRouter();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const optional = (name: string) => (text(name) ? { [name]: text(name) } : {});
    const target: MuteFormTarget = props.rule
      ? {
          kind: "rule",
          controlId: text("controlId"),
          ...optional("resourcePattern"),
          ...optional("region"),
          ...optional("accountId"),
          ...optional("tag"),
        }
      : props.target!;
    setBusy(true);
    const failed = await send("POST", "/api/mutes", {
      target,
      reason: text("reason"),
      owner: text("owner"),
      expiresAt: endOfDay(text("expires")),
      ...(props.label ? { label: props.label.slice(0, 300) } : {}),
    });
    setBusy(false);
    setProblem(failed);
    if (!failed) router.refresh();
  }

  return (
    <form onSubmit={submit} className="mt-2 grid gap-3 sm:grid-cols-2" aria-label="Mute">
      {props.rule && (
        <>
          <Field label="Control">
            <select name="controlId" required className={INPUT}>
              {(props.controls ?? []).map((id) => (
                <option key={id}>{id}</option>
              ))}
            </select>
          </Field>
          <Field label="Resource pattern" hint="The ARN; * stands for any run of characters. Empty: every resource.">
            <input
              name="resourcePattern"
              className={INPUT}
              maxLength={2048}
              placeholder="arn:aws:elasticache:*:replicationgroup:dev-*"
            />
          </Field>
          <Field label="Region">
            <input name="region" className={INPUT} placeholder="eu-west-1 or global" />
          </Field>
          <Field label="Account">
            <input
              name="accountId"
              className={INPUT}
              inputMode="numeric"
              pattern="\d{12}"
              placeholder="12-digit account id"
            />
          </Field>
          <Field label="Tag" hint="A key, or key:value.">
            <input name="tag" className={INPUT} placeholder="env:sandbox" />
          </Field>
        </>
      )}
      <Field label="Reason (required)">
        <textarea name="reason" required maxLength={1000} rows={2} className={INPUT} />
      </Field>
      <Field label="Owner (required)">
        <input name="owner" required maxLength={200} className={INPUT} placeholder="team or person accountable" />
      </Field>
      <Field label="Expires (required, UTC)" hint="At most a year ahead; the finding counts again after it.">
        <input
          name="expires"
          type="date"
          required
          min={dayFromNow(1)}
          max={dayFromNow(365)}
          defaultValue={dayFromNow(90)}
          className={INPUT}
        />
      </Field>
      <div className="flex items-end gap-3">
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          {busy ? "Muting…" : "Mute"}
        </button>
        {problem && (
          <p role="alert" className="text-sm text-red-800">
            {problem}
          </p>
        )}
      </div>
    </form>
  );
}

/** Lift and edit buttons of an active mute, and renew for an expired one. */
export function MuteActions(props: {
  id: string;
  state: "active" | "expired" | "lifted";
  reason: string;
  owner: string;
  expiresAt: string;
}) {
  const router = useRouter();
  const [problem, setProblem] = useState<string>();
  if (props.state === "lifted") return null;

  async function lift() {
    if (!window.confirm("Lift this mute? Its findings count again at once.")) return;
    const failed = await send("DELETE", `/api/mutes/${props.id}`);
    setProblem(failed);
    if (!failed) router.refresh();
  }

  async function edit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const patch: Record<string, string> = {};
    if (text("reason") !== props.reason) patch.reason = text("reason");
    if (text("owner") !== props.owner) patch.owner = text("owner");
    // Only a changed day changes the expiry (a mute made through the API may end at another time of day).
    if (props.state === "expired" || text("expires") !== props.expiresAt.slice(0, 10))
      patch.expiresAt = endOfDay(text("expires"));
    if (props.state === "expired" && !patch.expiresAt) {
      setProblem("Give a new expiry to renew an expired mute.");
      return;
    }
    const failed = await send("PATCH", `/api/mutes/${props.id}`, patch);
    setProblem(failed);
    if (!failed) router.refresh();
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {props.state === "active" && (
          <button
            type="button"
            onClick={lift}
            className="rounded border border-slate-400 px-2 py-1 text-xs font-medium"
          >
            Lift
          </button>
        )}
        <details>
          <summary className="cursor-pointer rounded border border-slate-400 px-2 py-1 text-xs font-medium">
            {props.state === "expired" ? "Renew" : "Edit"}
          </summary>
          <form onSubmit={edit} className="mt-2 flex flex-col gap-2" aria-label="Edit mute">
            <Field label="Reason">
              <textarea
                name="reason"
                required
                defaultValue={props.reason}
                maxLength={1000}
                rows={2}
                className={INPUT}
              />
            </Field>
            <Field label="Owner">
              <input name="owner" required defaultValue={props.owner} maxLength={200} className={INPUT} />
            </Field>
            <Field label="Expires (UTC)">
              <input
                name="expires"
                type="date"
                required
                min={dayFromNow(1)}
                max={dayFromNow(365)}
                defaultValue={props.state === "expired" ? dayFromNow(90) : props.expiresAt.slice(0, 10)}
                className={INPUT}
              />
            </Field>
            <button type="submit" className="self-start rounded bg-slate-900 px-3 py-1 text-xs font-medium text-white">
              Save
            </button>
          </form>
        </details>
      </div>
      {problem && (
        <p role="alert" className="text-xs text-red-800">
          {problem}
        </p>
      )}
    </div>
  );
}

/**
 * "Mute…" under a finding: the form is drawn only when asked for, so a page of fifty findings does not
 * carry fifty forms (the findings page stays within its HTML budget).
 */
export function MuteOpener(props: { findingId: string; label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="mt-1 text-xs">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="cursor-pointer text-slate-700 hover:underline"
      >
        Mute…
      </button>
      {open && (
        <div className="w-72 max-w-[80vw]">
          <MuteForm target={{ kind: "finding", findingId: props.findingId }} label={props.label} />
        </div>
      )}
    </div>
  );
}
