import { z } from "zod";
import { authorize } from "@/lib/http/authorize";
import { findFramework } from "@/lib/frameworks/frameworks";
import { exportFramework } from "@/lib/report/framework-export";
import { guarded, issuesMessage, problem } from "@/lib/http/route";
import { findSnapshot, skippedNotice } from "@/lib/read/snapshot-to-show";
import { answerResponse, renderExport } from "@/lib/read/render-exports";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.strictObject({
  format: z.enum(["pdf", "csv"]),
  snapshot: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, "must be a snapshot id")
    .optional(),
});

/** GET /api/frameworks/{framework}/export?format=pdf|csv&snapshot=: the framework's evidence for one snapshot (default: the newest). */
export const GET = guarded(
  "GET /api/frameworks/[framework]/export",
  async (request: Request, { params }: { params: Promise<{ framework: string }> }) => {
    const auth = await authorize(request, "viewer");
    if ("refused" in auth) return auth.refused;
    const { framework: frameworkId } = await params;
    const framework = findFramework(frameworkId);
    if (!framework) return problem(404, `No framework with id ${frameworkId.slice(0, 64)}.`);
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return problem(400, issuesMessage(query.error.issues, "query"));
    const now = new Date();
    if (query.data.format === "pdf") {
      // Read and laid out in the export worker pool (503 when it is full).
      const job = { kind: "framework", framework: framework.id, snapshot: query.data.snapshot } as const;
      return answerResponse(await renderExport({ ...job, now: now.toISOString() }));
    }
    const lookup = await findSnapshot(query.data.snapshot, now);
    if (!lookup.found && lookup.reason === "missing") {
      return problem(404, query.data.snapshot ? `No snapshot with id ${query.data.snapshot}.` : "No snapshot yet.");
    }
    if (!lookup.found) return problem(500, "The snapshot is stored but could not be read; the server log says why.");
    const notice = skippedNotice(lookup.skipped);
    const file = await exportFramework(framework, lookup.snapshot, query.data.format, now);
    return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        ...(notice ? { "X-Safekeep-Notice": notice } : {}),
      },
    });
  },
);
