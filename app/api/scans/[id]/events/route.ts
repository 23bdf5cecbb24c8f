import { authorize } from "@/lib/http/authorize";
import { guarded, problem } from "@/lib/http/route";
import { isScanId } from "@/lib/scan/request";
import type { ScanStatus } from "@/lib/scan/runner";
import { scanRunner } from "@/lib/scan/server-runner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Server-sent events: the scan's status each time it changes, until it has finished or failed. */
export const GET = guarded(
  "GET /api/scans/[id]/events",
  async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const auth = await authorize(request, "viewer");
    if ("refused" in auth) return auth.refused;
    const { id } = await params;
    if (!isScanId(id)) return problem(400, "Malformed scan id.");
    const runner = scanRunner();
    const first = runner.status(id);
    if (!first) return problem(404, `No scan with id ${id}.`);

    const encoder = new TextEncoder();
    let closed = false;
    let unsubscribe = () => {};
    const stop = () => {
      closed = true;
      unsubscribe();
    };
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (status: ScanStatus) => {
          // A status can arrive after the client went away; writing to a closed stream would throw
          // inside the runner's event emitter, far from this request.
          if (closed) return;
          controller.enqueue(encoder.encode(`data: ${JSON.stringify(status)}\n\n`));
          if (status.state !== "running") {
            stop();
            controller.close();
          }
        };
        unsubscribe = runner.subscribe((status) => {
          if (status.id === id) send(status);
        });
        send(first);
        request.signal.addEventListener("abort", stop);
      },
      cancel: stop,
    });
    return new Response(stream, {
      headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" },
    });
  },
);
