import type { Control, ResourceResult } from "../types";

const RESOURCE_TYPE = "Region";
const ACTION = "ec2:DescribeVpcEndpoints";

function isAvailable(state: string | undefined): boolean {
  // The API model spells states "Available"; the service answers "available".
  return state?.toLowerCase() === "available";
}

export const control: Control = {
  meta: {
    id: "sts.vpc-endpoint",
    service: "iam",
    title: "STS is reachable through interface VPC endpoints (informational)",
    severity: "info",
    responsibility: "customer",
    recommendation: "tls",
    seed: {
      file: "003_19f6510e5e2315ca.txt",
      quote: "You can secure connections to the AWS STS service by using VPC endpoints.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Optional: create an interface VPC endpoint for AWS STS, with private DNS, in VPCs whose workloads assume roles, so their STS traffic stays on the AWS network.",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts_vpce.html",
    },
    docs: ["https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html"],
    requires: [ACTION],
    related: [],
    verdicts: [
      "pass: informational, one row per scanned Region: the evidence counts the available STS interface VPC endpoints and their VPCs; having none is not a failure, since the public STS endpoint also uses TLS.",
      "error: DescribeVpcEndpoints failed in that Region.",
    ],
  },
  evaluate(inventory) {
    // A Region whose DescribeVpcEndpoints failed has an unknown, not empty, list: the runner reports it.
    const failed = new Set(inventory.errors.filter((error) => error.action === ACTION).map((error) => error.region));
    return (inventory.iam?.stsVpcEndpoints ?? [])
      .filter((region) => !failed.has(region.region))
      .map((region): ResourceResult => {
        const available = region.endpoints.filter((endpoint) => isAvailable(endpoint.state));
        const base = {
          resourceArn: `arn:${inventory.account.partition}:ec2:${region.region}:${inventory.account.id}:vpc-endpoint/*`,
          resourceType: RESOURCE_TYPE,
          region: region.region,
          evidence: {
            availableEndpoints: available.length,
            endpointIds: available.map((endpoint) => endpoint.id),
            vpcIds: [...new Set(available.flatMap((endpoint) => (endpoint.vpcId ? [endpoint.vpcId] : [])))],
            privateDnsEnabled:
              available.length > 0 && available.every((endpoint) => endpoint.privateDnsEnabled === true),
            otherEndpoints: region.endpoints.length - available.length,
          },
        };
        // Informational: the public STS endpoint also uses TLS, so no endpoint is never a failure.
        if (available.length === 0) {
          return {
            ...base,
            status: "pass",
            reason: `No STS interface VPC endpoint is available in ${region.region}; workloads there reach STS over its public endpoint (TLS), which is fine unless they must stay off the internet.`,
          };
        }
        const vpcs = base.evidence.vpcIds.length;
        return {
          ...base,
          status: "pass",
          reason: `${region.region} has ${available.length} available STS interface VPC endpoint(s) in ${vpcs} VPC(s).`,
        };
      });
  },
};
