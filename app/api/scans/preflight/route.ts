import { guarded, NO_STORE } from "@/lib/http/route";
import { serverAccess } from "@/lib/scan/preflight";
import { authorized } from "../../authorized";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * What the server can scan with: credentials found or not, the AWS account and caller (ARN masked),
 * the default Region, the enabled Regions, and what stops a scan with its fix. Operators only: it
 * reveals the server's own AWS identity, which viewers have no use for. Checked within a few seconds
 * and kept briefly (lib/scan/preflight.ts).
 */
export const GET = guarded("GET /api/scans/preflight", async (request: Request) => {
  const auth = await authorized(request, "operator", "GET /api/scans/preflight");
  if ("refused" in auth) return auth.refused;
  return Response.json(await serverAccess(), { headers: NO_STORE });
});
