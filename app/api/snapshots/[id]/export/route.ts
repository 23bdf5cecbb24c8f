import { exportSnapshot } from "@/lib/report/export";
import { exportQuerySchema } from "@/lib/report/export-request";
import { getSnapshot, previousSnapshot } from "@/lib/snapshot/get-snapshot";
import { snapshotParamSchema } from "@/lib/snapshot/params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/snapshots/{id|latest}/export?format=pdf|csv|json|ocsf&scope=&service=&control=&status=&q= */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!snapshotParamSchema.safeParse({ snapshot: id }).success) {
    return Response.json({ error: "Snapshot id must be 1-64 letters, digits or dashes." }, { status: 400 });
  }
  const query = exportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    return Response.json(
      { error: query.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; ") },
      { status: 400 },
    );
  }
  const snapshot = await getSnapshot(id === "latest" ? undefined : id);
  if (!snapshot) return Response.json({ error: `No snapshot with id ${id}.` }, { status: 404 });
  const file = await exportSnapshot(snapshot, query.data, await previousSnapshot(snapshot));
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
