/**
 * Reading IAM policies the way several controls need to: what a user or role is allowed, across
 * inline, attached and group policies. Deliberately simple: Deny statements and conditions are not
 * evaluated, so findings built on this say "may have access" rather than "has access".
 */
import type { IamInventory, IamRole, IamUser, ManagedPolicy, PolicyStatement } from "@/lib/inventory";

/**
 * The AWS managed AdministratorAccess policy in any partition. A customer managed policy that
 * happens to be called AdministratorAccess is not it (its statements are judged on their own).
 */
export function isAdministratorAccessArn(arn: string): boolean {
  return /^arn:[\w-]+:iam::aws:policy\/AdministratorAccess$/.test(arn);
}

/** Service-linked roles are created and maintained by AWS services; customers cannot edit them. */
export function isServiceLinkedRole(role: Pick<IamRole, "path">): boolean {
  return role.path?.startsWith("/aws-service-role/") === true;
}

/** `Allow` + `NotAction` on resource `*`: everything except a list, usually far more than intended. */
export function isBroadNotActionStatement(statement: PolicyStatement): boolean {
  return (
    statement.effect === "Allow" && statement.notActions !== undefined && (statement.resources ?? []).includes("*")
  );
}

/** IAM action pattern match: case-insensitive, `*` and `?` wildcards, as IAM evaluates them. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("")
      .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
      .join("")}$`,
    "i",
  );
  return regex.test(action);
}

/** Whether an Allow statement grants `action` (NotAction counts when it does not exclude it). */
export function statementAllows(statement: PolicyStatement, action: string): boolean {
  if (statement.effect !== "Allow") return false;
  if (statement.actions) return statement.actions.some((p) => actionMatches(p, action));
  if (statement.notActions) return !statement.notActions.some((p) => actionMatches(p, action));
  return false;
}

/** `Allow` of `*` (or `*:*`) on resource `*` with no condition: full administrator rights. */
export function isFullAdminStatement(statement: PolicyStatement): boolean {
  return (
    statement.effect === "Allow" &&
    !statement.hasCondition &&
    (statement.actions ?? []).some((a) => a === "*" || a === "*:*") &&
    (statement.resources ?? []).includes("*")
  );
}

export interface EffectiveStatement {
  statement: PolicyStatement;
  /** Where it comes from, for evidence: "inline:deploy", "managed:arn…", "group:ops/inline:x". */
  source: string;
}

function managedStatements(iam: IamInventory, arn: string): PolicyStatement[] {
  return iam.authorization?.policies.find((p: ManagedPolicy) => p.arn === arn)?.statements ?? [];
}

/**
 * All statements that apply to a user (its own inline and attached policies, and its groups'), or to
 * a role. AWS managed policies contribute only when their documents were collected.
 */
export function effectiveStatements(iam: IamInventory, principal: IamUser | IamRole): EffectiveStatement[] {
  const own: EffectiveStatement[] = [
    ...principal.inlinePolicies.flatMap((p) =>
      p.statements.map((statement) => ({ statement, source: `inline:${p.name}` })),
    ),
    ...principal.attachedPolicies.flatMap((p) =>
      managedStatements(iam, p.arn).map((statement) => ({ statement, source: `managed:${p.arn}` })),
    ),
  ];
  if (!("groups" in principal)) return own;
  const groups = iam.authorization?.groups.filter((g) => principal.groups.includes(g.name)) ?? [];
  return [
    ...own,
    ...groups.flatMap((g) => [
      ...g.inlinePolicies.flatMap((p) =>
        p.statements.map((statement) => ({ statement, source: `group:${g.name}/inline:${p.name}` })),
      ),
      ...g.attachedPolicies.flatMap((p) =>
        managedStatements(iam, p.arn).map((statement) => ({ statement, source: `group:${g.name}/managed:${p.arn}` })),
      ),
    ]),
  ];
}

/** Attached managed policy ARNs of a user, directly or through its groups. */
export function attachedPolicyArns(iam: IamInventory, user: IamUser): string[] {
  const groups = iam.authorization?.groups.filter((g) => user.groups.includes(g.name)) ?? [];
  return [...user.attachedPolicies, ...groups.flatMap((g) => g.attachedPolicies)].map((p) => p.arn);
}

/**
 * Where a user's or role's full administrator rights come from, in the `source` notation of
 * `effectiveStatements` ("managed:<arn>", "group:ops/managed:<arn>", "inline:x"...): the AWS
 * managed AdministratorAccess attached directly or by group, and any `*:*` statement. Empty when
 * the principal is not a full administrator.
 */
export function adminGrantSources(iam: IamInventory, principal: IamUser | IamRole): string[] {
  const groups =
    "groups" in principal ? (iam.authorization?.groups.filter((g) => principal.groups.includes(g.name)) ?? []) : [];
  const attached = [
    ...principal.attachedPolicies.filter((p) => isAdministratorAccessArn(p.arn)).map((p) => `managed:${p.arn}`),
    ...groups.flatMap((g) =>
      g.attachedPolicies.filter((p) => isAdministratorAccessArn(p.arn)).map((p) => `group:${g.name}/managed:${p.arn}`),
    ),
  ];
  const statements = effectiveStatements(iam, principal)
    .filter(({ statement }) => isFullAdminStatement(statement))
    .map(({ source }) => source);
  return [...new Set([...attached, ...statements])];
}

/** Full admin: AdministratorAccess attached (directly or by group) or any `*:*` statement. */
export function hasAdminRights(iam: IamInventory, user: IamUser): boolean {
  return adminGrantSources(iam, user).length > 0;
}
