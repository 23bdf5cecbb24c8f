import { Badge } from "@/components/ui/badge";

/** A compact "Demo data" label for pages that do not show the full demo notice. */
export function DemoTag({ source }: { source: "aws" | "demo" }) {
  if (source !== "demo") return null;
  return <Badge className="bg-amber-100 text-amber-950 ring-1 ring-amber-400">Demo data</Badge>;
}
