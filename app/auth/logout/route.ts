import { guarded } from "@/lib/http/route";
import { signOut } from "../sign-in";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST /auth/logout: ends the Safekeep session (the header's "Sign out" button). */
export const POST = guarded("POST /auth/logout", (request: Request) => signOut(request));
