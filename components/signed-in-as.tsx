import { ROLE_LABELS, type Identity } from "@/lib/security/identity";

/**
 * Who the dashboard thinks you are, in the header: name and role, and a sign-out button for an
 * identity-provider session (a same-origin form POST; shared credentials have nothing to sign out of).
 */
export function SignedInAs({ identity }: { identity: Identity | undefined }) {
  if (!identity || identity.method === "local") return null;
  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="max-w-[16rem] truncate" title={identity.name}>
        <span className="sr-only">Signed in as </span>
        {identity.name}
      </span>
      <span className="rounded bg-white/10 px-1.5 py-0.5 text-xs" aria-label={`role: ${ROLE_LABELS[identity.role]}`}>
        {ROLE_LABELS[identity.role]}
      </span>
      {identity.method === "session" && (
        <form method="post" action="/auth/logout">
          <button type="submit" className="rounded px-2 py-1 underline hover:bg-white/20">
            Sign out
          </button>
        </form>
      )}
    </div>
  );
}
