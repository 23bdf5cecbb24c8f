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
import pLimit from "p-limit";
import { isRegionWide, type CollectionError, type IamInventory, type OidcProvider } from "@/lib/inventory";
import { iamActionFor } from "../actions";
import { classifyAwsError } from "../errors";
import { fetchCredentialReport, type Sleep } from "./credential-report";
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

/** At most 3 calls in flight per service (docs/controls.md#call-budget). */
const MAX_CONCURRENT_CALLS = 3;

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

function iamError(commandName: string, error: unknown): CollectionError {
  const action = iamActionFor(commandName, "iam") ?? commandName;
  return { service: "iam", region: IAM_ERROR_REGION, ...classifyAwsError(error, action) };
}

function errorName(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" ? name : undefined;
}

/** NoSuchEntity is IAM's "not found" (isNotFoundError only knows the `*NotFound*` spelling). */
function isNoSuchEntity(error: unknown): boolean {
  return errorName(error) === "NoSuchEntityException";
}

async function readAllPages<Page, Item>(pages: AsyncIterable<Page>, itemsOf: (page: Page) => Item[] | undefined) {
  const items: Item[] = [];
  for await (const page of pages) items.push(...(itemsOf(page) ?? []));
  return items;
}

/** A failure on any page yields no items: half a list would be judged as if it were complete. */
async function attempt<Value>(commandName: string, call: () => Promise<Value>): Promise<Outcome<Value>> {
  try {
    return { value: await call() };
  } catch (error) {
    return { error: iamError(commandName, error) };
  }
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
async function collectOidcProviders(
  client: IAMClient,
  limit: ReturnType<typeof pLimit>,
): Promise<Outcome<OidcProvider[]>> {
  const listed = await attempt("ListOpenIDConnectProvidersCommand", () =>
    limit(() => client.send(new ListOpenIDConnectProvidersCommand({}))),
  );
  if (listed.error) return listed;
  const arns = (listed.value.OpenIDConnectProviderList ?? []).flatMap((entry) => (entry.Arn ? [entry.Arn] : []));
  const described = await Promise.all(
    arns.map(async (arn): Promise<Outcome<OidcProvider | undefined>> => {
      try {
        const provider = await limit(() =>
          client.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })),
        );
        return { value: toOidcProvider(arn, provider) };
      } catch (error) {
        if (isNoSuchEntity(error)) return { value: undefined };
        return { error: iamError("GetOpenIDConnectProviderCommand", error) };
      }
    }),
  );
  const failed = described.find((outcome) => outcome.error);
  if (failed?.error) return { error: failed.error };
  return { value: described.flatMap((outcome) => (outcome.value ? [outcome.value] : [])) };
}

/**
 * Reads every IAM part the controls need. `options.now` decides whether a stored credential report
 * is recent enough; `options.sleep` paces the report polling.
 */
export async function collectIamAccount(client: IAMClient, options: IamCollectOptions): Promise<IamResult> {
  const limit = pLimit(MAX_CONCURRENT_CALLS);
  const paging = { client, stopOnSameToken: true };

  const [summary, credentialReport, passwordPolicy, authorization, mfaDevices, aliases, oidcProviders] =
    await Promise.all([
      attempt("GetAccountSummaryCommand", async () => {
        const output = await limit(() => client.send(new GetAccountSummaryCommand({})));
        return toAccountSummary(output.SummaryMap);
      }),
      fetchCredentialReport(client, { now: options.now, sleep: options.sleep, run: limit }).then(
        (outcome): Outcome<NonNullable<IamInventory["credentialReport"]>> =>
          outcome.error ? { error: outcome.error } : { value: outcome.report },
      ),
      (async (): Promise<Outcome<IamInventory["passwordPolicy"]>> => {
        try {
          const output = await limit(() => client.send(new GetAccountPasswordPolicyCommand({})));
          return { value: toPasswordPolicy(output.PasswordPolicy) };
        } catch (error) {
          // No custom policy: the AWS default applies. A fact for iam.password-policy, not a failure.
          if (isNoSuchEntity(error)) return { value: null };
          return { error: iamError("GetAccountPasswordPolicyCommand", error) };
        }
      })(),
      attempt("GetAccountAuthorizationDetailsCommand", async () =>
        toAuthorization(
          await limit(() =>
            readAllPages(
              paginateGetAccountAuthorizationDetails(
                { ...paging, pageSize: AUTHORIZATION_DETAILS_PAGE_SIZE },
                { Filter: [...AUTHORIZATION_FILTER], MaxItems: AUTHORIZATION_DETAILS_PAGE_SIZE },
              ),
              (page) => [page],
            ),
          ),
        ),
      ),
      attempt("ListVirtualMFADevicesCommand", async () =>
        (
          await limit(() =>
            readAllPages(
              paginateListVirtualMFADevices(
                { ...paging, pageSize: MFA_DEVICES_PAGE_SIZE },
                { AssignmentStatus: "Assigned", MaxItems: MFA_DEVICES_PAGE_SIZE },
              ),
              (page) => page.VirtualMFADevices,
            ),
          )
        )
          .map(toVirtualMfaDevice)
          .filter((device) => device.serialNumber !== ""),
      ),
      attempt("ListAccountAliasesCommand", () =>
        limit(() => readAllPages(paginateListAccountAliases(paging, {}), (page) => page.AccountAliases)),
      ),
      collectOidcProviders(client, limit),
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
