/**
 * Amazon S3 (restXml): the inverse of lib/aws/s3/reshape.ts. Buckets come from
 * inventory.accountWide.buckets, found by name whatever Region the client calls (S3 bucket names
 * are global, so no Region redirect is ever needed).
 *
 * Routing: the SDK's S3 operation schemas carry their HTTP paths without the bucket (`GET
 * /?encryption`), because the endpoint rules put the bucket in the host name or, for an IP
 * endpoint such as the fake's `http://127.0.0.1:PORT`, as the first path segment
 * (`/my-bucket/?encryption=`). The model served here therefore has `/{Bucket}` put in front of
 * the path of every operation whose input has a Bucket member, so the REST router finds the
 * operation and hands the bucket over as a path parameter.
 */
import * as sdk from "@aws-sdk/client-s3";
import type { S3Bucket } from "@/lib/inventory";
import { serializeXml, type OperationSchema } from "../protocols";
import { FakeAwsError, type FakeRequest, type FakeService } from "../types";

const XML_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

/** Member names of a structure schema `[3, namespace, name, traits, memberNames, memberSchemas]`. */
function memberNames(structure: unknown): readonly unknown[] {
  return Array.isArray(structure) && Array.isArray(structure[4]) ? (structure[4] as unknown[]) : [];
}

/** `/?encryption` → `/{Bucket}?encryption`, `/{Key+}?x-id=GetObject` → `/{Bucket}/{Key+}?x-id=GetObject`. */
function pathStyle(path: string): string {
  if (path.startsWith("/{Bucket}")) return path;
  return `/{Bucket}${path.startsWith("/?") || path === "/" ? path.slice(1) : path}`;
}

function withBucketInPath(schemas: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(schemas).map(([key, value]) => {
      if (!key.endsWith("$") || !Array.isArray(value) || value[0] !== 9) return [key, value];
      const op = value as OperationSchema;
      const traits = op[3];
      if (!traits || !traits.http || !memberNames(op[4]()).includes("Bucket")) return [key, value];
      const [method, path, status] = traits.http;
      const patched: OperationSchema = [
        9,
        op[1],
        op[2],
        { ...traits, http: [method, pathStyle(path), status] },
        op[4],
        op[5],
      ];
      return [key, patched];
    }),
  );
}

function bucketOf(request: FakeRequest): S3Bucket {
  const name = String(request.params.Bucket ?? "");
  const bucket = request.scenario.inventory.accountWide?.buckets?.find((b) => b.name === name);
  if (!bucket || bucket.access === "not-found") {
    throw new FakeAwsError("NoSuchBucket", "The specified bucket does not exist", 404);
  }
  if (bucket.access === "denied") throw new FakeAwsError("AccessDenied", "Access Denied", 403);
  return bucket;
}

export const s3: FakeService = {
  model: {
    signingName: "s3",
    actionPrefix: "s3",
    protocol: "rest-xml",
    schemas: withBucketInPath(sdk),
    xmlNamespace: XML_NAMESPACE,
  },
  responders: {
    /** The payload alone: the ServerSideEncryptionConfiguration document S3 answers with. */
    GetBucketEncryption: (request) => {
      const { encryption } = bucketOf(request);
      if (!encryption) {
        throw new FakeAwsError(
          "ServerSideEncryptionConfigurationNotFoundError",
          "The server side encryption configuration was not found",
          404,
        );
      }
      const rule = {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: encryption.algorithm, KMSMasterKeyID: encryption.kmsKeyId },
        BucketKeyEnabled: encryption.bucketKeyEnabled,
      };
      return serializeXml(sdk.ServerSideEncryptionConfiguration$, { Rules: [rule] }, XML_NAMESPACE);
    },
  },
};
