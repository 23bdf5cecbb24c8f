/**
 * Personal data found in names must never be repeated (docs/controls.md#evidence): every text a snapshot
 * carries about a resource (its ARN, the reason, the evidence, error messages) is masked once, here,
 * before anything is stored, shown or exported. Masking is idempotent, so masked text stays as is.
 */
import { maskPersonalData, type PiiOptions } from "@/lib/detectors/pii";
import type { Evidence, ResourceResult } from "@/lib/controls/types";
import type { CollectionError } from "@/lib/inventory";

function maskEvidence(evidence: Evidence, options: PiiOptions): Evidence {
  const masked: Evidence = {};
  for (const [field, value] of Object.entries(evidence)) {
    masked[field] =
      typeof value === "string"
        ? maskPersonalData(value, options)
        : Array.isArray(value)
          ? value.map((v) => maskPersonalData(v, options))
          : value;
  }
  return masked;
}

export function maskResult(result: ResourceResult, options: PiiOptions): ResourceResult {
  return {
    ...result,
    resourceArn: maskPersonalData(result.resourceArn, options),
    reason: maskPersonalData(result.reason, options),
    evidence: maskEvidence(result.evidence, options),
    // Names and tags are the very fields people put personal data in; a tag's key tells the detector
    // when its value is personal data (`date-of-birth`), as it does for xc.pii-in-names-tags.
    ...(result.name !== undefined ? { name: maskPersonalData(result.name, options) } : {}),
    ...(result.tags !== undefined
      ? {
          tags: result.tags.map((tag) => ({
            key: maskPersonalData(tag.key, options),
            value: maskPersonalData(tag.value, { ...options, contextKey: tag.key }),
          })),
        }
      : {}),
  };
}

export function maskError(error: CollectionError, options: PiiOptions): CollectionError {
  return { ...error, message: maskPersonalData(error.message, options) };
}
