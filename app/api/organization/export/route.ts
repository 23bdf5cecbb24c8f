import { authorize } from "@/lib/http/authorize";
import { guarded, issuesMessage, problem } from "@/lib/http/route";
import { exportOrganization, organizationExportQuerySchema } from "@/lib/report/organization-export";
import { organizationSnapshots } from "@/lib/read/organization-export";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { answerResponse, renderExport } from "@/lib/read/render-exports";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/organization/export?format=pdf|csv|json[&scope=controls|results][&ou=ou-…|r-…]: every
 * account's newest readable snapshot (only one organizational unit's with `ou`) as one report.
 * 404 when no account has a stored snapshot, or none sits in the OU asked for.
 */
export const GET = guarded("GET /api/organization/export", async (request: Request) => {
  const auth = await authorize(request, "viewer");
  if ("refused" in auth) return auth.refused;
  const query = organizationExportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problem(400, issuesMessage(query.error.issues, "query"));
  if (query.data.format === "pdf") {
    // Read and laid out in the export worker pool (503 when it is full).
    return answerResponse(
      await renderExport({ kind: "organization", query: query.data, now: new Date().toISOString() }),
    );
  }
  const chosen = await organizationSnapshots(snapshotStore(), query.data.ou);
  if (!chosen.found) {
    return problem(
      404,
      chosen.reason === "ou"
        ? `No account with a stored snapshot sits in organizational unit ${query.data.ou}.`
        : "No account has a readable stored snapshot yet.",
    );
  }
  const file = await exportOrganization(
    { snapshots: chosen.snapshots, ou: query.data.ou, notice: chosen.notice, generatedAt: new Date() },
    query.data,
  );
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...(chosen.notice ? { "X-Safekeep-Notice": chosen.notice } : {}),
    },
  });
});
