/**
 * Amazon EC2 (ec2 query protocol): the inverse of lib/aws/ec2/collect.ts (the STS interface VPC
 * endpoints of a Region, from `inventory.iam.stsVpcEndpoints`) and of describeEnabledRegions in
 * lib/aws/account/regions.ts (DescribeRegions, from `inventory.regions`).
 *
 * Opt-in Regions the inventory does not list, and Regions its `skippedRegions` records, answer
 * AuthFailure, as AWS does for a Region the account has not enabled (collectors report it as
 * region-unavailable).
 */
import { createHash } from "node:crypto";
import * as schemas from "@aws-sdk/client-ec2";
import type { ServiceId, VpcEndpoint } from "@/lib/inventory";
import { page } from "../paging";
import { FakeAwsError, type FakeRequest, type FakeService } from "../types";

/** Regions an account has to opt in to; every other Region is enabled for every account. */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
]);

/**
 * Whether the request's Region answers for the scenario's account: an opt-in Region must be listed
 * in `inventory.regions`, and a Region recorded in `skippedRegions` (for `service`, or for every
 * service) stays unavailable, so a recorded scan round-trips.
 */
export function isRegionEnabled(request: FakeRequest, service?: ServiceId): boolean {
  const { regions, skippedRegions } = request.scenario.inventory;
  if (OPT_IN_REGIONS.has(request.region) && !regions.includes(request.region)) return false;
  return !skippedRegions.some(
    (s) => s.region === request.region && (s.service === undefined || (service !== undefined && s.service === service)),
  );
}

function assertRegionEnabled(request: FakeRequest, service?: ServiceId) {
  if (!isRegionEnabled(request, service)) {
    throw new FakeAwsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
  }
}

/** Flat ec2 query lists: `VpcEndpointId.1`, `VpcEndpointId.2`, ... */
function listParam(params: Record<string, unknown>, name: string): string[] {
  const pattern = new RegExp(`^${name}\\.(\\d+)$`);
  return Object.entries(params)
    .flatMap(([key, value]) => {
      const m = pattern.exec(key);
      return m ? [[Number(m[1]), String(value)] as const] : [];
    })
    .sort((a, b) => a[0] - b[0])
    .map(([, value]) => value);
}

interface Filter {
  name: string;
  values: string[];
}

/** `Filter.1.Name=service-name&Filter.1.Value.1=...` */
function filters(params: Record<string, unknown>): Filter[] {
  const indexes = new Set(
    Object.keys(params).flatMap((key) => {
      const m = /^Filter\.(\d+)\.Name$/.exec(key);
      return m ? [Number(m[1])] : [];
    }),
  );
  return [...indexes]
    .sort((a, b) => a - b)
    .map((i) => ({ name: String(params[`Filter.${i}.Name`]), values: listParam(params, `Filter\\.${i}\\.Value`) }));
}

/** EC2 filter values accept `*` and `?` wildcards. */
function matchesValue(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`).test(value);
}

/** Every filter must match (AND); within one filter, any value (OR). Unknown filter names are refused. */
function applyFilters<T>(items: readonly T[], list: readonly Filter[], fields: Record<string, (item: T) => unknown>) {
  for (const filter of list) {
    if (!(filter.name in fields)) {
      throw new FakeAwsError("InvalidParameterValue", `The filter '${filter.name}' is invalid`);
    }
  }
  return items.filter((item) =>
    list.every((filter) => {
      const field = fields[filter.name]?.(item);
      return filter.values.some((pattern) => matchesValue(pattern, field === undefined ? undefined : String(field)));
    }),
  );
}

function endpointsOf(request: FakeRequest): VpcEndpoint[] {
  return request.scenario.inventory.iam?.stsVpcEndpoints?.find((r) => r.region === request.region)?.endpoints ?? [];
}

function describeVpcEndpoints(request: FakeRequest) {
  // Safekeep files the STS endpoints under IAM: a Region skipped for "iam" stays unavailable.
  assertRegionEnabled(request, "iam");
  const ids = listParam(request.params, "VpcEndpointId");
  const endpoints = endpointsOf(request);
  const unknown = ids.find((id) => !endpoints.some((e) => e.id === id));
  if (unknown)
    throw new FakeAwsError("InvalidVpcEndpointId.NotFound", `The Vpc Endpoint Id '${unknown}' does not exist`);
  const selected = applyFilters(
    ids.length > 0 ? endpoints.filter((e) => ids.includes(e.id)) : endpoints,
    filters(request.params),
    {
      "service-name": (e) => e.serviceName,
      "vpc-id": (e) => e.vpcId,
      "vpc-endpoint-id": (e) => e.id,
      "vpc-endpoint-state": (e) => e.state,
      "vpc-endpoint-type": (e) => e.type,
    },
  );
  // Without MaxResults EC2 answers up to 1000 items per page.
  const { items, next } = page(selected, request.params.NextToken, request.params.MaxResults, 1000);
  const accountId = request.scenario.inventory.account.id;
  const created = new Date(request.scenario.inventory.startedAt);
  return {
    VpcEndpoints: items.map((e) => {
      const suffix = createHash("sha256").update(e.id).digest("hex").slice(0, 8);
      const host = `${e.id}-${suffix}.${e.serviceName.split(".").at(-1)}.${request.region}.vpce.amazonaws.com`;
      return {
        VpcEndpointId: e.id,
        VpcEndpointType: e.type,
        VpcId: e.vpcId,
        ServiceName: e.serviceName,
        State: e.state,
        PolicyDocument:
          e.type === "Interface"
            ? '{\n  "Statement": [\n    {\n      "Action": "*", \n      "Effect": "Allow", \n      "Principal": "*", \n      "Resource": "*"\n    }\n  ]\n}'
            : undefined,
        RouteTableIds: [],
        SubnetIds: [],
        Groups: [],
        IpAddressType: "ipv4",
        DnsOptions: { DnsRecordIpType: "ipv4" },
        PrivateDnsEnabled: e.privateDnsEnabled,
        RequesterManaged: false,
        NetworkInterfaceIds: [],
        DnsEntries: [{ DnsName: host, HostedZoneId: "Z7HUB22UULQXV" }],
        CreationTimestamp: created,
        Tags: [],
        OwnerId: accountId,
      };
    }),
    NextToken: next,
  };
}

function describeRegions(request: FakeRequest) {
  assertRegionEnabled(request);
  const enabled = request.scenario.inventory.regions;
  // AllRegions=true adds the opt-in Regions the account has not enabled.
  const all =
    String(request.params.AllRegions) === "true"
      ? [...enabled, ...[...OPT_IN_REGIONS].filter((r) => !enabled.includes(r)).sort()]
      : enabled;
  const names = listParam(request.params, "RegionName");
  const unknown = names.find((name) => !all.includes(name));
  if (unknown) throw new FakeAwsError("InvalidParameterValue", `Invalid region: ${unknown}`);
  const optInStatus = (region: string) =>
    !OPT_IN_REGIONS.has(region) ? "opt-in-not-required" : enabled.includes(region) ? "opted-in" : "not-opted-in";
  const endpoint = (region: string) => `ec2.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;
  const regions = applyFilters(names.length > 0 ? all.filter((r) => names.includes(r)) : all, filters(request.params), {
    "region-name": (r) => r,
    endpoint,
    "opt-in-status": optInStatus,
  });
  return {
    Regions: regions.map((region) => ({
      RegionName: region,
      Endpoint: endpoint(region),
      OptInStatus: optInStatus(region),
    })),
  };
}

export const ec2: FakeService = {
  model: {
    signingName: "ec2",
    actionPrefix: "ec2",
    protocol: "ec2",
    schemas,
    xmlNamespace: "http://ec2.amazonaws.com/doc/2016-11-15",
  },
  responders: {
    DescribeVpcEndpoints: describeVpcEndpoints,
    DescribeRegions: describeRegions,
  },
};
