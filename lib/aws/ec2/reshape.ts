/** Pure mapping from an EC2 VPC endpoint to Safekeep's inventory type (values as the API returns them). */
import type { VpcEndpoint as SdkVpcEndpoint } from "@aws-sdk/client-ec2";
import type { VpcEndpoint } from "@/lib/inventory";

/** The STS endpoint service of a Region, the value of DescribeVpcEndpoints' `service-name` filter. */
export function stsServiceName(region: string): string {
  return `com.amazonaws.${region}.sts`;
}

export function toVpcEndpoint(endpoint: SdkVpcEndpoint): VpcEndpoint {
  return {
    id: endpoint.VpcEndpointId ?? "",
    vpcId: endpoint.VpcId,
    serviceName: endpoint.ServiceName ?? "",
    state: endpoint.State,
    type: endpoint.VpcEndpointType,
    privateDnsEnabled: endpoint.PrivateDnsEnabled,
  };
}
