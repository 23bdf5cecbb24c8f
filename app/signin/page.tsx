import type { Metadata } from "next";
import { env } from "@/lib/env";
import { providerSignOutUrl, safeReturnTo } from "@/lib/security/oidc";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

/** What each refusal code (from /auth/callback) tells the person; nothing from the URL is echoed. */
const REFUSALS: Record<string, string> = {
  "no-transaction": "The sign-in took too long or was started in another browser tab. Please sign in again.",
  "provider-error": "The identity provider did not complete the sign-in.",
  "token-rejected": "The identity provider's answer could not be verified, so you were not signed in.",
  "no-role":
    "Your account is not in any of the groups that may use Safekeep. Ask an administrator to add you to the viewer, operator or admin group.",
  "provider-unreachable": "The identity provider could not be reached. Please try again in a moment.",
};

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const error = first(params.error);
  const refusal = error ? (REFUSALS[error] ?? "The sign-in did not complete. Please try again.") : undefined;
  const signedOut = first(params.signedOut) === "1";
  const returnTo = safeReturnTo(first(params.returnTo));
  const oidc = env().oidc;
  const providerLogout = signedOut && oidc ? await providerSignOutUrl(oidc) : undefined;
  return (
    <main id="main" className="mx-auto mt-16 max-w-md px-4">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to Safekeep</h1>
        {signedOut && (
          <p role="status" className="mt-3 text-sm text-slate-700">
            You are signed out of Safekeep.
            {providerLogout && (
              <>
                {" "}
                <a href={providerLogout} className="underline">
                  Also sign out of your identity provider
                </a>
                .
              </>
            )}
          </p>
        )}
        {refusal && (
          <p role="alert" className="mt-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            {refusal}
          </p>
        )}
        {oidc ? (
          <>
            <p className="mt-3 text-sm text-slate-700">
              Safekeep shows the data-protection posture of your AWS accounts. Sign in with your organisation&apos;s
              identity provider; what you may do depends on your groups there.
            </p>
            <a
              href={`/auth/login?returnTo=${encodeURIComponent(returnTo)}`}
              className="mt-5 inline-block rounded bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700"
            >
              Sign in with your identity provider
            </a>
          </>
        ) : (
          <p className="mt-3 text-sm text-slate-700">
            This server does not use an identity provider: it asks for its token or password itself, or answers on this
            machine only.
          </p>
        )}
      </div>
    </main>
  );
}
