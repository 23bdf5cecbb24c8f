import type { Evidence } from "@/lib/controls/types";

/**
 * One snippet of a fix. `code` holds placeholders in braces ({region}, {resourceId}, {name},
 * {accountId}, and the typed ids the ARN of the row's resource type gives, such as {userPoolId} or
 * {clientId}); `remediationFor` fills them from a result row, quoted for the snippet's language.
 * Words in capitals such as KMS_KEY_ARN are values only the reader can choose: they are left as they
 * are, so a command run without replacing them fails at AWS instead of doing something else.
 */
export interface Template {
  /** What this snippet does, in a few words ("Turn on log file validation"). */
  label: string;
  code: string;
  /** What to check before running it (settings it resets, what it does not cover...). */
  note?: string;
  /**
   * Only for rows where this is true (another variant covers the others): e.g. a Kinesis stream
   * and a Firehose stream have different commands. Absent: every row.
   */
  when?: (row: RemediationRow) => boolean;
}

/** How a control's failing resources are fixed. */
export interface Remediation {
  /**
   * True when the setting can be changed on the existing resource. False when it cannot (fixed at
   * creation, or the fix is a process rather than a setting): `steps` then says the real path.
   */
  inPlace: boolean;
  /** The path in words: required when not in place, optional caveats otherwise. */
  steps?: string;
  /** AWS CLI commands, in the order to run them. */
  cli?: Template[];
  /** Terraform (HCL) blocks. */
  terraform?: Template[];
  /** CloudFormation, where no Terraform resource exists or it differs meaningfully. */
  cloudformation?: Template[];
  docs: string;
}

/** What a fix is filled from: the fields of a result row it needs. */
export interface RemediationRow {
  resourceArn: string;
  region: string;
  /** The resource's human name, when known. */
  name?: string | null;
  field?: string;
  evidence?: Evidence | null;
}

/** A snippet with its placeholders filled for one row. */
export interface FilledSnippet {
  label: string;
  code: string;
  note?: string;
  /** Values the reader must supply (KMS_KEY_ARN...), as they appear in the code. */
  toReplace: string[];
}

/** Every snippet is a suggestion to review, never a command to paste blind: the UI says so. */
export const SUGGESTION_NOTICE =
  "Suggested fix: review it against your own configuration before running it. Safekeep never changes your account.";

export interface FilledRemediation {
  controlId: string;
  inPlace: boolean;
  steps?: string;
  cli: FilledSnippet[];
  terraform: FilledSnippet[];
  cloudformation: FilledSnippet[];
  docs: string;
  notice: typeof SUGGESTION_NOTICE;
}
