/**
 * Writes docs/controls.md, the control catalog, from the controls' own metadata (lib/controls), so
 * the catalog the code comments point to lives in the repo and cannot drift from the code: a test
 * (generate-controls-doc.test.ts) renders it again and fails when the file differs.
 *
 *   npm run docs:controls
 *
 * The output is deterministic (no dates, registry order) and already formatted by Prettier with the
 * repo's settings, so `prettier --check .` leaves it alone.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { format, resolveConfig } from "prettier";
import { RECOMMENDATIONS } from "@/lib/controls/recommendations";
import { CONTROLS } from "@/lib/controls/registry";
import { seedPage } from "@/lib/controls/seeds";
import { SEVERITY_LABELS, type Control, type ControlMeta } from "@/lib/controls/types";
import { SERVICE_IDS, SERVICE_NAMES, type ServiceId } from "@/lib/inventory/common";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DOC_PATH = path.join(ROOT, "docs", "controls.md");

/** The statuses a verdict line may start with, in the order the catalog lists them. */
export const VERDICT_PREFIXES = ["pass", "fail", "warn", "not applicable", "error"] as const;

/** Anchors of the general sections; comments cite them as `docs/controls.md#<anchor>`. */
export const GENERAL_SECTIONS = [
  ["statuses", "Statuses, incomplete and the score"],
  ["aws-managed", "Informational and shared-responsibility controls"],
  ["fixed", 'Comparing snapshots: what "fixed" means'],
  ["evidence", "Evidence: no secrets, no raw personal data"],
  ["failed-calls", "Failed calls"],
  ["regions", "Regions"],
  ["call-budget", "API call budget and pacing"],
  ["permissions", "Scanner permissions"],
  ["personal-data", "Personal data in names, descriptions and tags"],
  ["url-credentials", "Credentials in URLs"],
  ["caveats", "Seed drift and caveats"],
] as const;

type SectionId = (typeof GENERAL_SECTIONS)[number][0];

/**
 * The rules every control shares. Written here rather than derived, because they describe the
 * runner, the collectors and the detectors; keep them in step with README.md ("Statuses,
 * incomplete and the score", "History and comparisons") and with the code they name.
 */
const GENERAL_TEXT: Record<SectionId, string> = {
  statuses: `
- **Per resource** a control gives one of five statuses: **pass**, **fail**, **warn** (shown as Warning), **not
  applicable** and **error**. Error means the verdict needed data that could not be read: a call was denied, throttled
  past its retries, timed out, answered 5xx or garbage, or the Region rejected the credentials. The row names the
  failed call.
- **Missing data never relaxes a verdict.** It never produces a pass, a warning or "not applicable", and a row that
  fails with full data never vanishes: it becomes error, or an error row for its Region ("could not evaluate … in
  eu-west-1") stands for it. This is a property of the runner (\`lib/posture\`), not of each control: every control
  declares the IAM actions it reads (its "Reads" line below) and, where it can be more precise, which lookups each
  result used; any result whose lookups failed is turned into error before anything is rolled up, scored or stored.
  That is why each control's "error" line below names calls rather than conditions.
- **Per control**: the worst status among what could be judged (fail, then warn, then pass, then not applicable),
  marked **incomplete** when some of its results are error ("Fail · incomplete" is a real failure with possibly more
  unseen). A control is error only when nothing at all could be judged, and not applicable when nothing was in scope.
- **Severity** belongs to the control (critical, high, medium, low, info); a reason may say when a finding is worse
  than its control's severity, but the severity itself does not change per resource.
- **Scores** (per service and overall) weight each control by severity: critical 10, high 5, medium 3, low 1,
  informational 0. A control judged completely earns the share of its judged resources that comply (a pass counts 1, a
  warning ½, a failure 0), so one bad cache out of twenty costs a twentieth of that control. A control that is error
  or incomplete keeps its weight and earns **nothing**: what could not be verified earns no credit, so a score is a
  floor that missing data can only lower, and its weight is shown as the unverified share ("62 · 12 % unverified").
  Not-applicable controls are left out. With nothing weighted, or nothing judged at all (every weighted control
  error), there is no score (—), never 0 or 100; a service with some judged results keeps a score, even 0 with 100 %
  unverified.`,
  "aws-managed": `
- Controls whose responsibility is **AWS** (grouped under "Protections AWS provides") describe what the service does by
  itself under the shared responsibility model: encryption at rest, TLS in transit. They are always shown, pass, have
  severity info and quote the seed sentence that promises the protection; the catalog test holds that every such
  control is info and in that group.
- A few customer controls are informational too (severity info: \`xc.fips-endpoints\`, \`sts.vpc-endpoint\`,
  \`connect.security-profiles-review\`): they report facts worth knowing, never fail, and weigh nothing in a score.`,
  fixed: `
- A finding's id is stable: account, control and resource (plus the field, for controls that give several rows per
  resource, such as \`xc.pii-in-names-tags\` and \`xc.credentials-in-urls\`). The same id appears in every snapshot and
  export.
- Two snapshots of one account are compared finding by finding. **New**: failing (fail or warning) now; passing or
  not applicable before, or absent where the earlier scan could have listed it. **Not checked before**: failing
  now, and the earlier scan could not judge it; never counted as new. **Still failing**: failing in both, same status and severity.
  **Changed**: failing in both, but fail ↔ warning, or the control's severity changed.
- **Fixed** means failing before and now judged again and passing (or not applicable), _or verifiably gone_: the newer
  scan covered the finding's Region and service, ran its control, and every call the control needs succeeded there,
  so the list that would have shown it did not.
- **Not re-checked**: failing before, and now error, or absent without that proof (Region or service not scanned, a
  call failed or was denied, the Region was skipped). It is never counted as fixed.
- When two scans did not cover the same ground (Regions, services, failed calls), the comparison says how, and score
  changes are given only between like-for-like snapshots.`,
  evidence: `
- Each result carries the plain fields its verdict used (strings, numbers, booleans, lists), the resource's name and
  tags, and one sentence that names the resource and says why.
- Secrets are never stored or logged. \`cognito-idp:DescribeUserPoolClient\` returns the app client's secret: the
  collector records only whether there is one. Calls whose answers hold secrets are not made at all: Cognito
  \`DescribeIdentityProvider\` (an OIDC client secret), Connect \`ListSecurityKeys\`.
- Raw personal data is never stored. Personal data found in a name, description, tag, reason, evidence value or error
  message is masked before a snapshot is stored, shown or exported (\`lib/snapshot/mask.ts\`, using the detector in
  [Personal data in names, descriptions and tags](#personal-data)). IAM user names in reasons are masked the same way
  (e-mail addresses keep their first character and domain); CloudTrail callers keep the account and the kind of
  principal, while user, federated-user and session names are masked (role names describe workloads and stay).`,
  "failed-calls": `
Every failed AWS call is classified once (\`lib/aws/errors.ts\`) and recorded with the IAM action of the call, its
Region and, for calls about one resource, that resource. Messages are cut to 200 characters and scrubbed of secrets.

- **access denied**: \`AccessDenied\`, \`AccessDeniedException\`, \`UnauthorizedOperation\`, \`AuthorizationError\`,
  or any other HTTP 403 that is not about the credentials themselves. Error on the results that needed the call,
  "insufficient permissions: \`<action>\`", with the action AWS named when it named one and whether a service control
  policy, resource control policy, permissions boundary or session policy refused it; listed in the scan-coverage
  banner.
- **throttled**: \`ThrottlingException\`, \`Throttling\`, \`TooManyRequestsException\`, \`ThrottledException\`,
  \`RequestLimitExceeded\`, \`SlowDown\`, \`LimitExceededException\`, \`ProvisionedThroughputExceededException\` or
  HTTP 429, still failing after the SDK's own retries. Error.
- **timeout**: the connection (5 s) or the request (20 s) timed out. Error.
- **credentials rejected**: \`UnrecognizedClientException\`, \`InvalidClientTokenId\`, \`AuthFailure\` (an opt-in
  Region that is not enabled, or a token that is not valid there). Nothing there could be read: every regional call in
  that Region counts as failed, so everything the service would have judged there is error, never skipped.
- **region unavailable**: the endpoint host does not resolve (\`ENOTFOUND\`): the service is not offered there. The
  Region is skipped for that service, and the scan coverage says so.
- **other**: anything else. Error, with the error's name and the start of its message.

- The SDK retries throttling itself: adaptive retry mode with client-side rate limiting, 8 attempts per call by default
  (\`SAFEKEEP_AWS_MAX_ATTEMPTS\`; the timeouts are \`SAFEKEEP_AWS_CONNECTION_TIMEOUT_MS\` and
  \`SAFEKEEP_AWS_REQUEST_TIMEOUT_MS\`).
- A \`*NotFound*\` answer to a describe right after a list means the resource was deleted in between: it is dropped
  silently, not reported.
- Macie answers "Macie is not enabled" with an \`AccessDeniedException\` when the account has no Macie session in the
  Region. That answer (without "not authorized to perform" in it) is a fact about the account, not a refusal:
  \`xc.macie-enabled\` fails there. Macie's "member account" answer is read the same way.`,
  regions: `
- **Global IAM** is read once per partition, through us-east-1 (aws), us-gov-west-1 (aws-us-gov) or cn-north-1
  (aws-cn); its results carry the Region "global".
- **Enabled Regions first**: \`account:ListRegions\` (enabled and enabled-by-default Regions), falling back to
  \`ec2:DescribeRegions\`, which lists only the Regions enabled for the account. Scanning "all" needs one of them.
- **Where services are offered**: ElastiCache, Cognito, CloudTrail trail lists, the Tagging API and STS VPC endpoints
  are read in every scanned Region; Amazon Connect, Amazon Personalize and Amazon Macie only in the Regions the SDK's
  endpoint metadata lists for them (\`offeredIn\` in their descriptors, \`lib/inventory/services/\`; newer Regions may be missing). Regions the user names explicitly are tried for
  every service, and an endpoint that does not resolve makes the Region "not available" for that service, not an error.
- **CloudTrail**: \`DescribeTrails\` runs in every scanned Region (multi-Region and organization trails appear there as
  shadow trails); a trail's status and event selectors are read in its home Region, by ARN. IAM and STS (global
  endpoint) events are recorded in us-east-1 (us-gov-west-1, cn-north-1 in the other partitions): a trail there with
  global service events is what logs IAM and STS activity, and \`LookupEvents\` for \`iam.amazonaws.com\` and
  \`sts.amazonaws.com\` runs there.
- **Resources other services refer to** are read where they live: KMS keys in the Region of their ARN (a bare key id
  names a key of the referring resource's Region), S3 buckets in their own Region (the client follows S3's redirects),
  Kinesis and Firehose streams in the Region of their ARN.`,
  "call-budget": `
The budget is the number of calls a scan of an account costs. \`bench/lower-bound.ts\` computes it for any inventory,
and the collectors' tests hold each service to it.

**Pacing**: the scan plan (\`lib/scan/plan.ts\`) starts every step as soon as what it reads is there: account-wide
steps with the service collectors, each Region's TLS samples when that Region's collector ends, storage and KMS keys
when everything that refers to them is known. Up to 4 Regions of one step are collected at once; within one service
and Region at most 3 calls are in flight. APIs with a documented request-rate quota are paced on the client at that
quota, before every attempt (retries included), so throttling is the exception (\`lib/aws/quotas.ts\`): Amazon
Connect 2 requests per second with a burst of 5, per API and Region; Cognito user pools by category (UserPoolRead
15/s; UserPoolClientRead 15/s and UserPoolResourceRead 20/s, at most 5/s for one user pool); CloudTrail
\`LookupEvents\` 2 per second per Region.

**Page sizes**: the largest each API accepts, to keep the call count low — ElastiCache replication groups and cache
clusters 100, serverless caches and both snapshot lists 50, users and user groups none (the API documents no default
or maximum); Cognito user pools, app clients and identity pools 60 (required by the API); every Personalize list 100;
Connect instances 10, storage configurations 10, approved origins 25, integrations 100, security profiles 1000; the
Tagging API 100; IAM \`GetAccountAuthorizationDetails\` about 500 (not the maximum 1000: every item carries full policy
documents), \`ListVirtualMFADevices\` 1000; \`LookupEvents\` one page of 50 events.

- **Setup**: \`sts:GetCallerIdentity\` (needs no permission); \`account:ListRegions\` when scanning all Regions.
- **IAM** (once): \`GetAccountSummary\`, \`GetAccountPasswordPolicy\`, \`GetAccountAuthorizationDetails\` (one per
  500 users, groups, roles and policies), \`ListVirtualMFADevices\`, \`ListAccountAliases\`,
  \`ListOpenIDConnectProviders\` and \`GetOpenIDConnectProvider\` per provider; \`GetCredentialReport\`, reused when
  younger than 4 hours, otherwise \`GenerateCredentialReport\` and polling with a 2 s back-off growing by 2 s up to
  10 s (8 attempts).
- **ElastiCache** (per Region): \`DescribeReplicationGroups\`, \`DescribeCacheClusters\`,
  \`DescribeServerlessCaches\` — 3 calls in a Region without caches; where a cache exists also
  \`DescribeUserGroups\`, \`DescribeUsers\`, \`DescribeSnapshots\` and \`DescribeServerlessCacheSnapshots\`.
- **Cognito** (per Region): \`ListUserPools\`, \`ListIdentityPools\` — 2 calls in an empty Region; per user pool
  \`DescribeUserPool\`, \`GetLogDeliveryConfiguration\`, \`GetUserPoolMfaConfig\` (only when MFA is not off),
  \`DescribeRiskConfiguration\` (only when threat protection is enforced), \`ListUserPoolClients\` and
  \`DescribeUserPoolClient\` per client; per identity pool \`DescribeIdentityPool\`, and \`GetIdentityPoolRoles\`
  only when guest access is on.
- **Personalize** (per Region): \`ListDatasetGroups\` — 1 call in a Region without dataset groups; otherwise also
  \`DescribeDatasetGroup\` and \`ListTagsForResource\` per group, five job lists (dataset export, batch inference,
  batch segment, metric attribution, dataset import) with a describe for the newest 20 jobs of each kind (older ones
  are counted, not described), and six name lists (datasets, solutions, campaigns, event trackers, filters,
  recommenders): 1 + DG + 5 + J + 6 + DG calls for DG dataset groups and J described jobs.
- **Connect** (per Region): \`ListInstances\` — 1 call in a Region without instances; 17 more per instance:
  \`DescribeInstance\`, \`ListInstanceStorageConfigs\` for each of the 13 storage resource types (they must be asked
  one by one), \`ListApprovedOrigins\`, \`ListIntegrationAssociations\` and \`ListSecurityProfiles\`. An instance
  whose creation failed is listed, never described.
- **Macie** (per Region where it is offered): \`GetMacieSession\`; \`GetAutomatedDiscoveryConfiguration\` only where
  Macie is enabled.
- **CloudTrail**: \`DescribeTrails\` per Region; \`GetTrailStatus\` and \`GetEventSelectors\` per distinct trail (no
  selectors for a stopped trail); \`LookupEvents\` once per event source and Region with resources, for
  \`xc.tls-client-versions\`.
- **Tags and VPC endpoints**: \`tag:GetResources\` and \`ec2:DescribeVpcEndpoints\` (filtered to STS) per scanned
  Region.
- **Referenced storage and keys**: \`GetBucketEncryption\` per distinct bucket, \`DescribeStreamSummary\` or
  \`DescribeDeliveryStream\` per stream, \`DescribeKey\` per referenced KMS key and \`GetKeyRotationStatus\` for
  symmetric customer managed keys.`,
  permissions: `
- The scanner needs the read-only policy in \`policy/safekeep-scanner-policy.json\`: Read and List actions only. Any
  action a collector calls is in that policy and in the command → action map of \`lib/aws/actions.ts\` (a test keeps
  them in step), and each control's "Reads" line below lists the actions whose failure turns its results into error.
- The action of a command is \`<prefix>:<command name without "Command">\`, except S3's \`GetBucketEncryption\`
  (\`s3:GetEncryptionConfiguration\`) and \`GetBucketLocation\` (\`s3:GetBucketLocation\`), the Tagging API's
  \`GetResources\` (\`tag:GetResources\`) and \`GetCallerIdentity\`, which needs no permission.
- \`cognito-idp:DescribeUserPoolClient\` answers with the app client's secret. It is kept, because callback URLs and
  auth and OAuth flows come from it, and the secret is discarded in code; without it the app-client controls and the
  Cognito URLs of \`xc.credentials-in-urls\` are error.
- \`cloudtrail:LookupEvents\` reads event payloads. Only \`xc.tls-client-versions\` needs it (and
  \`xc.fips-endpoints\` counts FIPS callers from the same sample when there is one); without it that control is error.
- \`connect:SearchUsers\` is not in the policy, so \`connect.security-profiles-review\` has no user counts.
- A service control policy or permissions boundary that denies one of these actions shows as access denied, with the
  policy type named.`,
  "personal-data": `
\`xc.pii-in-names-tags\` runs the detector in \`lib/detectors/pii.ts\` over every free-form string the scan collected
(\`lib/controls/account/text-fields.ts\`): ElastiCache group, cluster, cache, user, user group and snapshot names and
descriptions; Cognito pool, client and identity pool names, domains and tags; Personalize dataset group, dataset,
solution, campaign, filter, event tracker, recommender and job names and S3 paths; IAM user, group, role and policy
names, paths, descriptions and tags, inline policy names and the account alias; Connect instance aliases, tags, storage
bucket names and prefixes, security profile and integration names; trail names and buckets, KMS key descriptions; and
the tags the Tagging API returns for ElastiCache, Cognito, Personalize, Connect, KMS and CloudTrail resources.

- **Left out**: identifiers AWS generates (ARNs, client ids, identity pool ids, KMS key ids, Connect ids),
  AWS-reserved \`aws:\` tag keys, and names AWS writes (AWS managed policies and keys, service-linked roles).
- **Pre-processing**: each string is NFKC-normalised and read twice, as it is and with \`_\`, \`.\` and \`/\` read as
  spaces (resource names use them as separators). Tag keys and values are both read; a tag key (or field name) that
  announces personal data ("account number", "customer id", "ssn", "date of birth"…, matched as whole words) gives
  context to its value.
- **Detectors**, in order, each character span claimed by the first that validates it: IBAN (registered length and
  mod-97), payment card (issuer prefix, length and Luhn; repetitive and timestamp-like numbers rejected), US SSN,
  UK National Insurance number, Canadian SIN (Luhn), Aadhaar (Verhoeff), Indian PAN, Spanish DNI and NIE (control
  letter), e-mail address (domains \`example.com\`, \`amazonaws.com\` and their subdomains allowed), phone number
  (international or North American), a number under a context word, and another AWS account's id (informational
  only). Each identifier is accepted only in the forms it is really written in: a bare digit run counts as an SSN or
  an account number only under a context word, and a card number needs a valid issuer prefix, length and checksum.
- **Guards**: spans no detector may claim — the scanned account's own id (also written 1111-2222-3333), account ids
  inside ARNs, UUIDs, EC2-style resource ids, IP addresses and CIDRs, and dates and times.
- **Verdicts**: high confidence (IBAN, card, SSN, NINO, DNI/NIE, Aadhaar under an Aadhaar word) fails; medium and low
  warn; informational findings (another account's id) pass. A published test card number in a resource tagged
  \`env=test\` (or \`environment=test\`) is a warning, and an IAM user name that is an e-mail address is reported as
  "employee identity in Name field".
- **Masking**: a finding never carries the matched value, only a masked form (the last 4 characters when at least as
  many stay hidden, or the first letter and domain of an e-mail address) and, when the installation has its secret
  key, an HMAC-SHA256 of the value under that key, to match it across this installation's scans. Without the key no
  hash is given: an unkeyed hash of a short identifier is the identifier.`,
  "url-credentials": `
\`xc.credentials-in-urls\` runs \`lib/detectors/urls.ts\` over every configured URL: Cognito app client callback,
logout and default redirect URLs; Connect approved origins, integration source URLs and the instance access URL; IAM
OpenID Connect provider URLs; and URLs written inside any of the free-form strings above.

1. **Userinfo**: a user name or password in the URL fails.
2. **Parameters** in the query and the fragment are judged by name and value: names that can only mean a credential
   (\`password\`, \`client_secret\`, \`access_token\`, \`api_key\`, \`session_id\`, \`signature\`…) fail with any real
   value; short or overloaded names (\`sig\`, \`auth\`, \`pass\`) fail only with a value that looks like a secret, so
   \`auth=sso\` passes; \`key\` fails with a random value and warns with a shorter mixed one. A stored pre-signed URL
   (S3, CloudFront, Google Cloud Storage, Azure SAS) fails.
3. **Secret shapes** anywhere in the URL fail: AWS access key ids, JWTs and other known token shapes, and the secret
   path segments of webhook URLs. Any other long, random-looking parameter value warns.
4. **Cleartext**: \`http://\` to a host other than loopback warns; custom app schemes (\`myapp://\`) are judged by rules
   1–3 only.
5. Only the redacted URL (userinfo, flagged values and token shapes replaced by \`***\`, personal data masked) is ever
   stored or shown.

\`connect.approved-origins\` judges the same origins for transport: HTTPS (or HTTP to a loopback host), no wildcard,
no credentials.`,
  caveats: `
- **Cognito customer managed keys**: the Cognito page says Cognito "doesn't support customer provided keys", while the
  current API can report one on a user pool. \`cognito.aws-managed-encryption\` shows it as information, never as a
  requirement; the key's health is \`xc.kms-key-usable\`'s.
- **TLS versions**: the Cognito ("TLS 1.0 or later") and IAM ("TLS 1.1 and 1.2") pages predate AWS's TLS 1.2 minimum
  for API endpoints. Controls quote the pages and judge against TLS 1.2.
- **\`AccountPasswordPresent\`** (IAM \`GetAccountSummary\`) has undocumented semantics: it only ever softens a root-MFA
  failure to a warning, never makes a pass.
- **Cognito \`GetLogDeliveryConfiguration\`** with nothing configured: an empty answer and a not-found answer that does
  not say the pool is gone both count as "nothing configured", which \`cognito.user-activity-logging\` warns about
  either way, so a wrong reading cannot turn a configured pool into a finding.
- **Connect \`ListInstanceStorageConfigs\`** answers \`InvalidParameterException\`, \`InvalidRequestException\` or
  \`ResourceNotFoundException\` for a storage type the instance does not support; that type is then not applicable.
- **Region lists** for Connect, Personalize and Macie come from the SDK's endpoint metadata and may miss new Regions
  (see [Regions](#regions)).
- **Seed quotes** are short, attributed citations; the pages themselves are not copied into this repository. Where they
  are available (\`SAFEKEEP_SEEDS_DIR\`), the catalog test checks that each quote is really on its page.`,
};

/**
 * Metadata text as Markdown that reads as written: `*:*` must not turn into emphasis, nor `<x>`
 * into HTML. Underscores inside words (ALLOW_USER_AUTH) cannot start emphasis and stay as they are.
 */
function inline(text: string): string {
  return text.replace(/[\\`*[\]<>]/g, "\\$&").replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, "\\_");
}

function code(items: readonly string[]): string {
  return items.length === 0 ? "none" : items.map((item) => `\`${item}\``).join(", ");
}

/** "pass: it is" → "- **pass**: it is". */
function verdictLine(line: string): string {
  const prefix = VERDICT_PREFIXES.find((p) => line.startsWith(`${p}: `));
  return prefix ? `- **${prefix}**: ${inline(line.slice(prefix.length + 2))}` : `- ${inline(line)}`;
}

/** Verdict lines in status order (pass, fail, warn, not applicable, error), each status's lines as written. */
function orderedVerdicts(lines: readonly string[]): string[] {
  const rank = (line: string) => {
    const index = VERDICT_PREFIXES.findIndex((p) => line.startsWith(`${p}: `));
    return index < 0 ? VERDICT_PREFIXES.length : index;
  };
  return [...lines].sort((a, b) => rank(a) - rank(b));
}

function recommendationTitle(id: string): string {
  return RECOMMENDATIONS.find((r) => r.id === id)?.title ?? id;
}

function serviceAnchor(service: ServiceId): string {
  return `service-${service}`;
}

function groupAnchor(service: ServiceId, recommendation: string): string {
  return `${service}-${recommendation}`;
}

/** Controls of one service, grouped by recommendation in the order the seed pages make them. */
function groups(controls: readonly Control[], service: ServiceId): [string, ControlMeta[]][] {
  const mine = controls.map((c) => c.meta).filter((meta) => meta.service === service);
  return RECOMMENDATIONS.map((r): [string, ControlMeta[]] => [
    r.id,
    mine.filter((m) => m.recommendation === r.id),
  ]).filter(([, metas]) => metas.length > 0);
}

function controlSection(meta: ControlMeta): string {
  const page = seedPage(meta.seed.file);
  const source = page ? `[${page.title}](${page.url}) (\`${meta.seed.file}\`)` : `\`${meta.seed.file}\``;
  const responsibility = meta.responsibility === "aws" ? "AWS (shared responsibility)" : "Customer";
  const lines = [
    `<a id="${meta.id}"></a>`,
    "",
    `#### \`${meta.id}\` — ${inline(meta.title)}`,
    "",
    `> ${inline(meta.seed.quote)}`,
    ">",
    `> — ${source}`,
    "",
    `- Severity: ${SEVERITY_LABELS[meta.severity]} · Responsibility: ${responsibility} · Resource: ${inline(meta.resourceType)}`,
    `- Recommendation: ${inline(recommendationTitle(meta.recommendation))}`,
    `- Reads: ${code(meta.requires)}`,
    `- Related: ${meta.related.length > 0 ? inline(meta.related.join("; ")) : "none"}`,
    "",
    "Verdicts:",
    "",
    ...orderedVerdicts(meta.verdicts ?? ["(none given)"]).map(verdictLine),
    "",
    `Remediation: ${inline(meta.remediation.text)} ([AWS documentation](${meta.remediation.url}))`,
  ];
  if (meta.docs.length > 0) {
    lines.push("", `Further reading: ${meta.docs.map((url) => `<${url}>`).join(", ")}`);
  }
  return lines.join("\n");
}

/** The catalog as Markdown, before formatting. Pure: the same controls give the same text. */
export function renderControlsDoc(controls: readonly Control[] = CONTROLS): string {
  const services = SERVICE_IDS.filter((service) => controls.some((c) => c.meta.service === service));
  const toc: string[] = ["- [General rules](#general-rules)"];
  for (const [anchor, title] of GENERAL_SECTIONS) toc.push(`  - [${title}](#${anchor})`);
  for (const service of services) {
    toc.push(`- [${SERVICE_NAMES[service]}](#${serviceAnchor(service)})`);
    for (const [recommendation, metas] of groups(controls, service)) {
      toc.push(`  - [${recommendationTitle(recommendation)}](#${groupAnchor(service, recommendation)})`);
      for (const meta of metas) toc.push(`    - [\`${meta.id}\`](#${meta.id}) — ${inline(meta.title)}`);
    }
  }

  const out: string[] = [
    "# Safekeep control catalog",
    "",
    "<!-- Generated by scripts/generate-controls-doc.ts from the control metadata in lib/controls. Do not edit by hand: change the control and run `npm run docs:controls`; a test fails when this file is stale. -->",
    "",
    `Safekeep evaluates ${controls.length} controls, measured against AWS's own "Data protection in …" pages for Amazon ` +
      "ElastiCache, Amazon Cognito, Amazon Personalize, AWS IAM (with STS) and Amazon Connect, plus the account-wide " +
      "recommendations every page repeats. Each control quotes the sentence of the page it checks (its seed). Control " +
      "ids are a public contract: snapshots, exports and links use them, and each control below has an anchor equal to " +
      "its id (`docs/controls.md#xc.root-mfa`).",
    "",
    "## Contents",
    "",
    ...toc,
    "",
    '<a id="general-rules"></a>',
    "",
    "## General rules",
  ];
  for (const [anchor, title] of GENERAL_SECTIONS) {
    out.push("", `<a id="${anchor}"></a>`, "", `### ${title}`, "", GENERAL_TEXT[anchor].trim());
  }
  for (const service of services) {
    out.push("", `<a id="${serviceAnchor(service)}"></a>`, "", `## ${SERVICE_NAMES[service]}`);
    for (const [recommendation, metas] of groups(controls, service)) {
      out.push("", `<a id="${groupAnchor(service, recommendation)}"></a>`, "");
      out.push(`### ${recommendationTitle(recommendation)}`);
      for (const meta of metas) out.push("", controlSection(meta));
    }
  }
  return `${out.join("\n")}\n`;
}

/** The catalog exactly as docs/controls.md holds it: rendered, then formatted with the repo's Prettier settings. */
export async function formattedControlsDoc(controls: readonly Control[] = CONTROLS): Promise<string> {
  const options = (await resolveConfig(DOC_PATH)) ?? {};
  return format(renderControlsDoc(controls), { ...options, filepath: DOC_PATH });
}

async function main(): Promise<void> {
  const text = await formattedControlsDoc();
  mkdirSync(path.dirname(DOC_PATH), { recursive: true });
  writeFileSync(DOC_PATH, text);
  console.log(`wrote ${path.relative(ROOT, DOC_PATH)} (${CONTROLS.length} controls)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
