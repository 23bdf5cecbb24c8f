/**
 * What a test process sets so that the AWS SDK talks to the local fake endpoint, exactly as a user
 * points Safekeep at a LocalStack-style endpoint: the endpoint, dummy credentials, a home Region,
 * and no instance-metadata lookups.
 */
export function sdkEnvironmentFor(endpointUrl: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpointUrl,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}
