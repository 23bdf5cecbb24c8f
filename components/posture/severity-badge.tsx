import { SEVERITY_LABELS, type Severity } from "@/lib/controls/types";
import { Badge } from "@/components/ui/badge";

const SEVERITY_STYLES: Record<Severity, string> = {
  critical: "bg-red-900 text-white",
  high: "bg-red-100 text-red-900",
  medium: "bg-amber-100 text-amber-900",
  low: "bg-sky-100 text-sky-900",
  info: "bg-slate-100 text-slate-700",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge className={SEVERITY_STYLES[severity]}>
      <span className="sr-only">Severity: </span>
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}
