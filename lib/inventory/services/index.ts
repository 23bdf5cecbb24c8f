/**
 * One descriptor per service (see ./types.ts). The cross-cutting code loops over these instead of
 * naming services: adding a service means adding its descriptor here.
 */
import { SERVICE_IDS, type ServiceId } from "../common";
import { account } from "./account";
import { cognito } from "./cognito";
import { connect } from "./connect";
import { elasticache } from "./elasticache";
import { iam } from "./iam";
import { personalize } from "./personalize";
import type { OfferedIn, ServiceDescriptor } from "./types";

export type * from "./types";
export { appClientArn, bucketOfS3Path } from "./fields";
export { iamRegionFor } from "./iam";
export { JOB_INPUT_ACTIONS, JOB_OUTPUT_ACTIONS } from "./personalize";

const BY_ID: Readonly<Record<ServiceId, ServiceDescriptor>> = {
  account,
  iam,
  elasticache,
  cognito,
  personalize,
  connect,
};

/** Every service's descriptor, in SERVICE_IDS order. */
export const SERVICE_DESCRIPTORS: readonly ServiceDescriptor[] = SERVICE_IDS.map((id) => BY_ID[id]);

export function descriptorOf(id: ServiceId): ServiceDescriptor {
  return BY_ID[id];
}

/**
 * The services, then the account-wide parts: the order in which walks over the whole inventory
 * visit them. The account-wide parts hold what the services refer to (keys, buckets, streams) and
 * the tags the Tagging API repeats from the services' own describe calls, so whatever the services
 * say about a resource comes first (first-seen wins when lists drop repeats).
 */
export const SERVICES_THEN_ACCOUNT: readonly ServiceDescriptor[] = [
  ...SERVICE_DESCRIPTORS.filter((d) => d.id !== "account"),
  account,
];

/** Every Region of every partition in an `offeredIn` list: Region names differ across partitions. */
export function offeredRegions(offeredIn: OfferedIn): string[] {
  return Object.values(offeredIn).flat();
}

/**
 * The Regions where a service, or a part collected with one (`macie`), is offered, across partitions;
 * undefined when it is offered everywhere.
 */
export function offeredInFor(name: string): string[] | undefined {
  const descriptor = SERVICE_DESCRIPTORS.find((d) => d.id === name);
  const offeredIn = descriptor
    ? descriptor.offeredIn
    : SERVICE_DESCRIPTORS.map((d) => d.subservices?.[name]?.offeredIn).find((o) => o !== undefined);
  return offeredIn && offeredRegions(offeredIn);
}

/** Row type and name of a resource known only by its ARN, from every descriptor's `arnLabels`. */
export function describeArn(arn: string): { resourceType: string; resourceName: string } {
  const [, , service = "", , , ...rest] = arn.split(":");
  const resource = rest.join(":");
  const [type = "", ...nameParts] = resource.split(/[:/]/);
  const name = nameParts.length > 0 ? nameParts.join("/") : type;
  const label = SERVICE_DESCRIPTORS.map((d) => d.arnLabels.resourceTypes?.[`${service}:${type}`]).find(Boolean);
  return { resourceType: label ?? `${service} resource`, resourceName: name || arn };
}
