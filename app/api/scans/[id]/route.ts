import { scanRunner } from "@/lib/scan/server-runner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) return Response.json({ error: "Malformed scan id." }, { status: 400 });
  const status = scanRunner().status(id);
  if (!status) return Response.json({ error: `No scan with id ${id}.` }, { status: 404 });
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
}
