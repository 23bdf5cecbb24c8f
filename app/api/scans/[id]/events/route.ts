import { scanRunner } from "@/lib/scan/server-runner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Server-sent events: the scan's status each time it changes, until it has finished or failed. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) return Response.json({ error: "Malformed scan id." }, { status: 400 });
  const runner = scanRunner();
  const first = runner.status(id);
  if (!first) return Response.json({ error: `No scan with id ${id}.` }, { status: 404 });

  const encoder = new TextEncoder();
  let unsubscribe = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (status: NonNullable<typeof first>) => {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(status)}\n\n`));
        if (status.state !== "running") {
          unsubscribe();
          controller.close();
        }
      };
      unsubscribe = runner.subscribe((status) => {
        if (status.id === id) send(status);
      });
      send(first);
      request.signal.addEventListener("abort", () => unsubscribe());
    },
    cancel() {
      unsubscribe();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" },
  });
}
