import { NO_STORE } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * Any /api path no other route handles: a JSON 404 for every method, so API clients never get the
 * HTML not-found page (and an unknown method on an unknown path is still just "not found").
 */
function notFound(): Response {
  return Response.json({ error: "No such API endpoint." }, { status: 404, headers: NO_STORE });
}

export { notFound as GET, notFound as HEAD, notFound as POST, notFound as PUT, notFound as PATCH };
export { notFound as DELETE, notFound as OPTIONS };
