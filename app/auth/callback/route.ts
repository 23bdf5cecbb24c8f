import { guarded } from "@/lib/http/route";
import { completeSignIn } from "../sign-in";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /auth/callback: where the identity provider sends the person back with a code. */
export const GET = guarded("GET /auth/callback", (request: Request) => completeSignIn(request));
