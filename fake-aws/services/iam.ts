/**
 * AWS IAM (awsQuery): the inverse of lib/aws/iam/collect.ts, reshape.ts and credential-report.ts.
 *
 * Credential report: like a fresh account, GetCredentialReport answers `ReportNotPresent` (the SDK's
 * CredentialReportNotPresentException) until GenerateCredentialReport was called once for the
 * scenario; from then on it serves the report, so the first scan of a scenario walks the collector's
 * whole get → generate → get cycle and later scans read the stored report (and regenerate it when
 * it is older than 4 hours, as IAM would). Generation completes at once (never `ReportInProgress`),
 * so nobody waits for the poll back-off, and the report always keeps the inventory's GeneratedTime so
 * the round trip is exact. The "generated" flag is kept per Scenario object: `setScenario` with a new
 * scenario starts without a report again.
 *
 * Parts the inventory leaves undefined are served as an account without them: no custom password
 * policy (NoSuchEntity), no users, an empty report (header only), no aliases.
 */
import { createHash } from "node:crypto";
import * as schemas from "@aws-sdk/client-iam";
import type {
  AttachedPolicy,
  CredentialReportRow,
  IamGroup,
  IamRole,
  IamUser,
  InlinePolicy,
  ManagedPolicy,
  PolicyStatement,
  Tag,
} from "@/lib/inventory";
import { page } from "../paging";
import { FakeAwsError, type FakeRequest, type FakeService, type Scenario } from "../types";

/** Scenarios whose credential report has been generated (IAM keeps one report per account). */
const generatedReports = new WeakSet<Scenario>();

/** IAM's own column order (docs "Getting credential reports for your AWS account"). */
export const CREDENTIAL_REPORT_COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
] as const;

const ROOT_USER = "<root_account>";

/** IAM ids: a 4-letter kind prefix and 17 upper-case base32 characters, stable per ARN. */
function fakeId(prefix: string, seed: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes = createHash("sha256").update(seed).digest();
  let id = prefix;
  for (let i = 0; i < 17; i++) id += alphabet[(bytes[i] ?? 0) % 32];
  return id;
}

/** Report dates as IAM writes them: `2026-05-31T23:00:00+00:00` (milliseconds only when there are some). */
function reportDate(iso: string | undefined, none = "N/A"): string {
  if (!iso) return none;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return none;
  return new Date(time).toISOString().replace(".000Z", "Z").replace(/Z$/, "+00:00");
}

function reportRow(row: CredentialReportRow, request: FakeRequest): string {
  const root = row.user === ROOT_USER;
  const region = request.scenario.inventory.regions[0] ?? "us-east-1";
  const passwordEnabled = root && !row.passwordEnabled ? "not_supported" : String(row.passwordEnabled);
  const passwordLastUsed = reportDate(row.passwordLastUsed, row.passwordEnabled ? "no_information" : "N/A");
  const passwordLastChanged = root ? "not_supported" : row.passwordEnabled ? reportDate(row.userCreationTime) : "N/A";
  const keys = row.accessKeys.flatMap((key) => [
    String(key.active),
    reportDate(key.lastRotated),
    reportDate(key.lastUsed),
    key.lastUsed ? region : "N/A",
    key.lastUsed ? "iam" : "N/A",
  ]);
  const fields = [
    row.user,
    row.arn,
    reportDate(row.userCreationTime),
    passwordEnabled,
    passwordLastUsed,
    passwordLastChanged,
    root ? "not_supported" : "N/A",
    String(row.mfaActive),
    ...keys,
    "false",
    "N/A",
    "false",
    "N/A",
  ];
  // IAM does not quote fields: a user name with commas spills into extra columns (the collector repairs it).
  return fields.join(",");
}

function credentialReportCsv(rows: readonly CredentialReportRow[], request: FakeRequest): string {
  return [CREDENTIAL_REPORT_COLUMNS.join(","), ...rows.map((row) => reportRow(row, request))].join("\n");
}

/** RFC 3986 percent-encoding, as IAM returns policy documents. */
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** One-element lists as a plain string, as people write them (the collector reads both forms). */
function listOrOne(list: readonly string[]): string | readonly string[] {
  return list.length === 1 ? (list[0] ?? "") : list;
}

/** A policy document rebuilt from our statements; a condition is one typical TLS-only block. */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return encodeRfc3986(
    JSON.stringify({
      Version: "2012-10-17",
      Statement: statements.map((s) => ({
        Effect: s.effect,
        Action: s.actions && listOrOne(s.actions),
        NotAction: s.notActions && listOrOne(s.notActions),
        Resource: s.resources && listOrOne(s.resources),
        NotResource: s.notResources && listOrOne(s.notResources),
        Condition: s.hasCondition ? { Bool: { "aws:SecureTransport": "true" } } : undefined,
      })),
    }),
  );
}

function inlinePolicies(list: readonly InlinePolicy[]) {
  return list.map((p) => ({ PolicyName: p.name, PolicyDocument: policyDocument(p.statements) }));
}

function attachedPolicies(list: readonly AttachedPolicy[]) {
  return list.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn }));
}

function tags(list: readonly Tag[]) {
  return list.map((t) => ({ Key: t.key, Value: t.value }));
}

function iamOf(request: FakeRequest) {
  return request.scenario.inventory.iam ?? {};
}

function createDate(request: FakeRequest, arn: string): Date {
  const row = iamOf(request).credentialReport?.rows.find((r) => r.arn === arn);
  return new Date(row?.userCreationTime ?? request.scenario.inventory.startedAt);
}

/** Flat query-protocol list members: `Filter.member.1`, `Filter.member.2`, ... */
function listParam(params: Record<string, unknown>, name: string): string[] {
  const pattern = new RegExp(`^${name}\\.member\\.(\\d+)$`);
  return Object.entries(params)
    .flatMap(([key, value]) => {
      const m = pattern.exec(key);
      return m ? [[Number(m[1]), String(value)] as const] : [];
    })
    .sort((a, b) => a[0] - b[0])
    .map(([, value]) => value);
}

/** IAM's Marker/MaxItems/IsTruncated paging (default 100 items, at most 1000). */
function iamPage<T>(request: FakeRequest, items: readonly T[]): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const maxItems = Number(request.params.MaxItems ?? 100);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw new FakeAwsError(
      "ValidationError",
      `1 validation error detected: Value '${String(request.params.MaxItems)}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  }
  const { items: slice, next } = page(items, request.params.Marker, maxItems);
  return { items: slice, IsTruncated: next !== undefined, Marker: next };
}

type AuthorizationEntity =
  | { kind: "User"; user: IamUser }
  | { kind: "Group"; group: IamGroup }
  | { kind: "Role"; role: IamRole }
  | { kind: "LocalManagedPolicy" | "AWSManagedPolicy"; policy: ManagedPolicy };

function authorizationEntities(request: FakeRequest): AuthorizationEntity[] {
  const auth = iamOf(request).authorization;
  const filter = listParam(request.params, "Filter");
  const wanted = (kind: string) => filter.length === 0 || filter.includes(kind);
  return [
    ...(wanted("User") ? (auth?.users ?? []).map((user) => ({ kind: "User" as const, user })) : []),
    ...(wanted("Group") ? (auth?.groups ?? []).map((group) => ({ kind: "Group" as const, group })) : []),
    ...(wanted("Role") ? (auth?.roles ?? []).map((role) => ({ kind: "Role" as const, role })) : []),
    ...(auth?.policies ?? []).flatMap((policy) => {
      const kind = policy.awsManaged ? ("AWSManagedPolicy" as const) : ("LocalManagedPolicy" as const);
      return wanted(kind) ? [{ kind, policy }] : [];
    }),
  ];
}

function trustPolicy(role: IamRole, accountId: string): string {
  const serviceLinked = role.path?.startsWith("/aws-service-role/");
  const service = serviceLinked ? role.path?.split("/")[2] : undefined;
  return encodeRfc3986(
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: service ? { Service: service } : { AWS: `arn:aws:iam::${accountId}:root` },
          Action: "sts:AssumeRole",
        },
      ],
    }),
  );
}

function getAccountAuthorizationDetails(request: FakeRequest) {
  const { items, IsTruncated, Marker } = iamPage(request, authorizationEntities(request));
  const accountId = request.scenario.inventory.account.id;
  const UserDetailList = [];
  const GroupDetailList = [];
  const RoleDetailList = [];
  const Policies = [];
  for (const entity of items) {
    switch (entity.kind) {
      case "User": {
        const u = entity.user;
        UserDetailList.push({
          Path: u.path,
          UserName: u.name,
          UserId: fakeId("AIDA", u.arn),
          Arn: u.arn,
          CreateDate: createDate(request, u.arn),
          UserPolicyList: inlinePolicies(u.inlinePolicies),
          GroupList: u.groups,
          AttachedManagedPolicies: attachedPolicies(u.attachedPolicies),
          Tags: tags(u.tags),
        });
        break;
      }
      case "Group": {
        const g = entity.group;
        GroupDetailList.push({
          Path: g.path,
          GroupName: g.name,
          GroupId: fakeId("AGPA", g.arn),
          Arn: g.arn,
          CreateDate: new Date(request.scenario.inventory.startedAt),
          GroupPolicyList: inlinePolicies(g.inlinePolicies),
          AttachedManagedPolicies: attachedPolicies(g.attachedPolicies),
        });
        break;
      }
      case "Role": {
        const r = entity.role;
        RoleDetailList.push({
          Path: r.path,
          RoleName: r.name,
          RoleId: fakeId("AROA", r.arn),
          Arn: r.arn,
          CreateDate: new Date(request.scenario.inventory.startedAt),
          AssumeRolePolicyDocument: trustPolicy(r, accountId),
          InstanceProfileList: [],
          RolePolicyList: inlinePolicies(r.inlinePolicies),
          AttachedManagedPolicies: attachedPolicies(r.attachedPolicies),
          Tags: tags(r.tags),
          RoleLastUsed: {},
        });
        break;
      }
      default: {
        const p = entity.policy;
        const created = new Date(request.scenario.inventory.startedAt);
        Policies.push({
          PolicyName: p.name,
          PolicyId: fakeId("ANPA", p.arn),
          Arn: p.arn,
          Path: p.path,
          DefaultVersionId: "v1",
          AttachmentCount: p.attachmentCount,
          PermissionsBoundaryUsageCount: 0,
          IsAttachable: true,
          Description: p.description,
          CreateDate: created,
          UpdateDate: created,
          PolicyVersionList: [
            { Document: policyDocument(p.statements), VersionId: "v1", IsDefaultVersion: true, CreateDate: created },
          ],
        });
      }
    }
  }
  return { UserDetailList, GroupDetailList, RoleDetailList, Policies, IsTruncated, Marker };
}

function getAccountSummary(request: FakeRequest) {
  const iam = iamOf(request);
  const auth = iam.authorization;
  const mfaDevices = iam.virtualMfaDevices ?? [];
  const SummaryMap: Record<string, number> = {
    Users: auth?.users.length ?? 0,
    Groups: auth?.groups.length ?? 0,
    Roles: auth?.roles.length ?? 0,
    Policies: auth?.policies.filter((p) => !p.awsManaged).length ?? 0,
    MFADevices: mfaDevices.length,
    MFADevicesInUse: mfaDevices.filter((d) => d.userArn).length,
    Providers: iam.oidcProviders?.length ?? 0,
    AccountMFAEnabled: iam.summary?.accountMfaEnabled ? 1 : 0,
    AccountAccessKeysPresent: iam.summary?.accountAccessKeysPresent ? 1 : 0,
    AccountSigningCertificatesPresent: 0,
    UsersQuota: 5000,
    GroupsQuota: 300,
    RolesQuota: 1000,
    PoliciesQuota: 1500,
    InstanceProfiles: 0,
    InstanceProfilesQuota: 1000,
    ServerCertificates: 0,
    ServerCertificatesQuota: 20,
    AccessKeysPerUserQuota: 2,
    AttachedPoliciesPerUserQuota: 10,
    AttachedPoliciesPerGroupQuota: 10,
    AttachedPoliciesPerRoleQuota: 10,
    GroupsPerUserQuota: 10,
    PolicySizeQuota: 6144,
    PolicyVersionsInUseQuota: 10000,
    VersionsPerPolicyQuota: 5,
    GlobalEndpointTokenVersion: 1,
  };
  const passwordPresent = iam.summary?.accountPasswordPresent;
  if (passwordPresent !== undefined) SummaryMap.AccountPasswordPresent = passwordPresent ? 1 : 0;
  return { SummaryMap };
}

function userOf(arn: string, accountId: string, created: Date) {
  if (arn.endsWith(":root")) return { Arn: arn, UserId: accountId, CreateDate: created };
  const resource = arn.split(":").slice(5).join(":");
  const segments = resource.split("/");
  const path = segments.length > 2 ? `/${segments.slice(1, -1).join("/")}/` : "/";
  return { Path: path, UserName: segments.at(-1), UserId: fakeId("AIDA", arn), Arn: arn, CreateDate: created };
}

export const iam: FakeService = {
  model: {
    signingName: "iam",
    actionPrefix: "iam",
    protocol: "query",
    schemas,
    xmlNamespace: "https://iam.amazonaws.com/doc/2010-05-08/",
  },
  responders: {
    GetAccountSummary: getAccountSummary,
    GenerateCredentialReport: ({ scenario }) => {
      if (generatedReports.has(scenario)) return { State: "COMPLETE" };
      generatedReports.add(scenario);
      return { State: "STARTED", Description: "No report exists. Starting a new report generation task" };
    },
    GetCredentialReport: (request) => {
      if (!generatedReports.has(request.scenario)) {
        throw new FakeAwsError(
          "ReportNotPresent",
          "Credential report not present. Call GenerateCredentialReport to create a new report.",
          410,
        );
      }
      const report = iamOf(request).credentialReport;
      const csv = credentialReportCsv(report?.rows ?? [], request);
      return {
        Content: new TextEncoder().encode(csv),
        ReportFormat: "text/csv",
        GeneratedTime: new Date(report?.generatedTime ?? request.scenario.inventory.startedAt),
      };
    },
    GetAccountPasswordPolicy: (request) => {
      const policy = iamOf(request).passwordPolicy;
      if (!policy) {
        throw new FakeAwsError(
          "NoSuchEntity",
          `The Password Policy with domain name ${request.scenario.inventory.account.id} cannot be found.`,
          404,
        );
      }
      return {
        PasswordPolicy: {
          MinimumPasswordLength: policy.minimumPasswordLength,
          RequireSymbols: policy.requireSymbols,
          RequireNumbers: policy.requireNumbers,
          RequireUppercaseCharacters: policy.requireUppercaseCharacters,
          RequireLowercaseCharacters: policy.requireLowercaseCharacters,
          AllowUsersToChangePassword: policy.allowUsersToChangePassword,
          ExpirePasswords: policy.expirePasswords,
          MaxPasswordAge: policy.maxPasswordAge,
          PasswordReusePrevention: policy.passwordReusePrevention,
          HardExpiry: policy.hardExpiry,
        },
      };
    },
    GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
    ListVirtualMFADevices: (request) => {
      // The inventory holds the devices the collector asked for with AssignmentStatus=Assigned.
      const status = String(request.params.AssignmentStatus ?? "Any");
      const devices = status === "Unassigned" ? [] : (iamOf(request).virtualMfaDevices ?? []);
      const { items, IsTruncated, Marker } = iamPage(request, devices);
      const accountId = request.scenario.inventory.account.id;
      return {
        VirtualMFADevices: items.map((d) => ({
          SerialNumber: d.serialNumber,
          User: d.userArn ? userOf(d.userArn, accountId, createDate(request, d.userArn)) : undefined,
          EnableDate: d.userArn ? new Date(request.scenario.inventory.startedAt) : undefined,
        })),
        IsTruncated,
        Marker,
      };
    },
    ListAccountAliases: (request) => {
      const { items, IsTruncated, Marker } = iamPage(request, iamOf(request).accountAliases ?? []);
      return { AccountAliases: items, IsTruncated, Marker };
    },
    ListOpenIDConnectProviders: (request) => ({
      OpenIDConnectProviderList: (iamOf(request).oidcProviders ?? []).map((p) => ({ Arn: p.arn })),
    }),
    GetOpenIDConnectProvider: (request) => {
      const arn = String(request.params.OpenIDConnectProviderArn ?? "");
      const provider = iamOf(request).oidcProviders?.find((p) => p.arn === arn);
      if (!provider) throw new FakeAwsError("NoSuchEntity", `OpenIDConnect Provider not found for arn ${arn}`, 404);
      const host = provider.url.replace(/^https:\/\//i, "");
      return {
        // IAM stores the URL without its https:// scheme.
        Url: host,
        ClientIDList: ["sts.amazonaws.com"],
        ThumbprintList: [createHash("sha1").update(host).digest("hex")],
        CreateDate: new Date(request.scenario.inventory.startedAt),
        Tags: [],
      };
    },
  },
};
