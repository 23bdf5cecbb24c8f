/** IAM policy documents, parsed into our own shape (collectors URL-decode and JSON-parse them). */

export interface PolicyStatement {
  effect: "Allow" | "Deny";
  /** `Action`, always as a list; undefined when the statement uses NotAction. */
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  hasCondition: boolean;
}

export interface InlinePolicy {
  name: string;
  statements: PolicyStatement[];
}

export interface AttachedPolicy {
  name: string;
  arn: string;
}
