/**
 * Collects the account's IAM data once per partition (docs/controls.md#call-budget) into Safekeep's
 * inventory types. It never throws: each call that fails becomes one CollectionError (region
 * "global") and leaves only its own part of the inventory undefined, so a missing permission costs
 * only the controls that needed that call.
 */
import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListAccountAliases,
  paginateListVirtualMFADevices,
  type GetAccountAuthorizationDetailsResponse,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { isRegionWide, type CollectionError, type IamInventory, type OidcProvider } from "@/lib/inventory";
import { errorName } from "../errors";
import { pagingOf, readAllPages, type CallOutcome, type RegionCalls } from "../harness";
import { fetchCredentialReport, iamCalls, type Sleep } from "./credential-report";
import {
  isPolicyKept,
  toAccountSummary,
  toIamGroup,
  toIamRole,
  toIamUser,
  toManagedPolicy,
  toOidcProvider,
  toPasswordPolicy,
  toVirtualMfaDevice,
} from "./reshape";

export * from "./reshape";
export {
  CREDENTIAL_REPORT_MAX_AGE_MS,
  CREDENTIAL_REPORT_POLL_ATTEMPTS,
  fetchCredentialReport,
  parseCredentialReportCsv,
  pollDelayMs,
} from "./credential-report";

export interface IamCollectOptions {
  /** The scan's clock: decides whether a stored credential report is recent enough to reuse. */
  now: Date;
  /** Waits between credential report polls; tests pass an instant one. */
  sleep?: Sleep;
}

export interface IamResult {
  inventory: IamInventory;
  /** One entry per failed call, all with region "global". */
  errors: CollectionError[];
}

/** IAM is one global service: errors are reported under this pseudo-region. */
export const IAM_ERROR_REGION = "global";

/**
 * About 500 (docs/controls.md#call-budget), not the maximum 1000, because every item carries full policy
 * documents and large pages are slow and prone to timeouts.
 */
const AUTHORIZATION_DETAILS_PAGE_SIZE = 500;
/** ListVirtualMFADevices allows up to 1000 items a page (default 100): fewer calls in big accounts. */
const MFA_DEVICES_PAGE_SIZE = 1000;

/** Users, groups, roles and both kinds of managed policy, so attached AWS policies can be read too. */
const AUTHORIZATION_FILTER = ["User", "Group", "Role", "LocalManagedPolicy", "AWSManagedPolicy"] as const;

type Outcome<Value> = { value: Value; error?: undefined } | { value?: undefined; error: CollectionError };

/** NoSuchEntity is IAM's "not found" (isNotFoundError only knows the `*NotFound*` spelling). */
function isNoSuchEntity(error: unknown): boolean {
  return errorName(error) === "NoSuchEntityException";
}

function outcomeOf<Value>(outcome: CallOutcome<Value>): Outcome<Value> {
  return outcome.ok ? { value: outcome.value } : { error: outcome.error };
}

/** One call (all pages of a list: a failure on any page yields no items, as half a list would look complete). */
async function attempt<Value>(
  calls: RegionCalls,
  commandName: string,
  call: () => Promise<Value>,
): Promise<Outcome<Value>> {
  return outcomeOf(await calls.run(commandName, call));
}

/** Entities without an ARN cannot be reported or fixed, so they are left out. */
function withArn<Entity extends { arn: string }>(entities: Entity[]): Entity[] {
  return entities.filter((entity) => entity.arn !== "");
}

type AuthorizationPage = GetAccountAuthorizationDetailsResponse;

function toAuthorization(pages: readonly AuthorizationPage[]): NonNullable<IamInventory["authorization"]> {
  const all = <Item>(itemsOf: (page: AuthorizationPage) => Item[] | undefined) =>
    pages.flatMap((page) => itemsOf(page) ?? []);
  return {
    users: withArn(all((page) => page.UserDetailList).map(toIamUser)),
    groups: withArn(all((page) => page.GroupDetailList).map(toIamGroup)),
    roles: withArn(all((page) => page.RoleDetailList).map(toIamRole)),
    policies: withArn(all((page) => page.Policies).map(toManagedPolicy)).filter(isPolicyKept),
  };
}

/**
 * The OIDC providers with their URLs. A provider deleted between the list and the get is dropped;
 * any other failed get fails the whole part, since a partial list would look complete.
 */
async function collectOidcProviders(client: IAMClient, calls: RegionCalls): Promise<Outcome<OidcProvider[]>> {
  const listed = await attempt(calls, "ListOpenIDConnectProvidersCommand", () =>
    client.send(new ListOpenIDConnectProvidersCommand({})),
  );
  if (listed.error) return listed;
  const arns = (listed.value.OpenIDConnectProviderList ?? []).flatMap((entry) => (entry.Arn ? [entry.Arn] : []));
  const described = await Promise.all(
    arns.map(async (arn): Promise<Outcome<OidcProvider | undefined>> => {
      const provider = await calls.run("GetOpenIDConnectProviderCommand", () =>
        client.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })),
      );
      if (provider.ok) return { value: toOidcProvider(arn, provider.value) };
      if (isNoSuchEntity(provider.raw)) return { value: undefined };
      return { error: provider.error };
    }),
  );
  const failed = described.find((outcome) => outcome.error);
  if (failed?.error) return { error: failed.error };
  return { value: described.flatMap((outcome) => (outcome.value ? [outcome.value] : [])) };
}

/**
 * Reads every IAM part the controls need. `options.now` decides whether a stored credential report
 * is recent enough; `options.sleep` paces the report polling. `calls` is IAM's one queue (IAM is
 * global); by default one of the shared concurrency limit.
 */
export async function collectIamAccount(
  client: IAMClient,
  options: IamCollectOptions,
  calls: RegionCalls = iamCalls(),
): Promise<IamResult> {
  const paging = pagingOf(client);

  const [summary, credentialReport, passwordPolicy, authorization, mfaDevices, aliases, oidcProviders] =
    await Promise.all([
      attempt(calls, "GetAccountSummaryCommand", async () =>
        toAccountSummary((await client.send(new GetAccountSummaryCommand({}))).SummaryMap),
      ),
      fetchCredentialReport(client, { now: options.now, sleep: options.sleep, calls }).then(
        (outcome): Outcome<NonNullable<IamInventory["credentialReport"]>> =>
          outcome.error ? { error: outcome.error } : { value: outcome.report },
      ),
      (async (): Promise<Outcome<IamInventory["passwordPolicy"]>> => {
        const output = await calls.run("GetAccountPasswordPolicyCommand", () =>
          client.send(new GetAccountPasswordPolicyCommand({})),
        );
        if (output.ok) return { value: toPasswordPolicy(output.value.PasswordPolicy) };
        // No custom policy: the AWS default applies. A fact for iam.password-policy, not a failure.
        if (isNoSuchEntity(output.raw)) return { value: null };
        return { error: output.error };
      })(),
      attempt(calls, "GetAccountAuthorizationDetailsCommand", async () =>
        toAuthorization(
          await readAllPages(
            paginateGetAccountAuthorizationDetails(
              { ...paging, pageSize: AUTHORIZATION_DETAILS_PAGE_SIZE },
              { Filter: [...AUTHORIZATION_FILTER], MaxItems: AUTHORIZATION_DETAILS_PAGE_SIZE },
            ),
            (page) => [page],
          ),
        ),
      ),
      attempt(calls, "ListVirtualMFADevicesCommand", async () =>
        (
          await readAllPages(
            paginateListVirtualMFADevices(
              { ...paging, pageSize: MFA_DEVICES_PAGE_SIZE },
              { AssignmentStatus: "Assigned", MaxItems: MFA_DEVICES_PAGE_SIZE },
            ),
            (page) => page.VirtualMFADevices,
          )
        )
          .map(toVirtualMfaDevice)
          .filter((device) => device.serialNumber !== ""),
      ),
      attempt(calls, "ListAccountAliasesCommand", () =>
        readAllPages(paginateListAccountAliases(paging, {}), (page) => page.AccountAliases),
      ),
      collectOidcProviders(client, calls),
    ]);

  const outcomes = [summary, credentialReport, passwordPolicy, authorization, mfaDevices, aliases, oidcProviders];
  const errors = outcomes.flatMap((outcome) => (outcome.error ? [outcome.error] : []));
  // Credentials the IAM endpoint does not accept at all: nothing here can be trusted.
  const unavailable = errors.find((error) => isRegionWide(error.kind));
  if (unavailable) return { inventory: {}, errors: [unavailable] };

  return {
    inventory: {
      summary: summary.value,
      credentialReport: credentialReport.value,
      passwordPolicy: passwordPolicy.error ? undefined : passwordPolicy.value,
      authorization: authorization.value,
      virtualMfaDevices: mfaDevices.value,
      accountAliases: aliases.value,
      oidcProviders: oidcProviders.value,
    },
    errors,
  };
}
