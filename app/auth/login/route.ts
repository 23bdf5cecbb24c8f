import { guarded } from "@/lib/http/route";
import { startSignIn } from "../sign-in";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /auth/login?returnTo=/path: to the identity provider's sign-in page. */
export const GET = guarded("GET /auth/login", (request: Request) => startSignIn(request));
