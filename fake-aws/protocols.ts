/**
 * Wire protocols of the AWS services Safekeep calls, served from plain SDK-shaped objects. The
 * serialisation reuses the SDK's own shape serializers and operation schemas, so element names,
 * list member names and timestamp formats are exactly what the real SDK expects to read.
 */
import { JsonShapeSerializer, XmlShapeSerializer } from "@aws-sdk/core/protocols";

export type Protocol = "query" | "ec2" | "json" | "rest-json" | "rest-xml";

/** An SDK operation schema: [9, namespace, name, traits, input, output]. */
export type OperationSchema = [
  9,
  string,
  string,
  { http?: [string, string, number] } | 0,
  () => unknown,
  () => unknown,
];

export interface ServiceModel {
  signingName: string;
  /** IAM action prefix (how Safekeep names calls). */
  actionPrefix: string;
  protocol: Protocol;
  /** The SDK client package: its exported `<Operation>$` schemas drive routing and serialisation. */
  schemas: Record<string, unknown>;
  xmlNamespace?: string;
  /** JSON protocol content type version. */
  jsonVersion?: "1.0" | "1.1";
}

export function operationSchema(model: ServiceModel, operation: string): OperationSchema | undefined {
  const schema = model.schemas[`${operation}$`];
  return Array.isArray(schema) && schema[0] === 9 ? (schema as OperationSchema) : undefined;
}

/** Every operation of a REST service with its HTTP method and path template. */
export function restOperations(model: ServiceModel): { operation: string; method: string; path: string }[] {
  return Object.entries(model.schemas).flatMap(([key, value]) => {
    if (!key.endsWith("$") || !Array.isArray(value) || value[0] !== 9) return [];
    const traits = value[3] as { http?: [string, string, number] } | 0;
    if (!traits || !traits.http) return [];
    return [{ operation: key.slice(0, -1), method: traits.http[0], path: traits.http[1] }];
  });
}

/** Matches `/instance/{InstanceId}/storage-configs` against a request path; returns path params. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const [templatePath = ""] = template.split("?");
  const t = templatePath.split("/").filter(Boolean);
  const p = path.split("/").filter(Boolean);
  const greedy = t.length > 0 && /\{[^}]+\+\}$/.test(t[t.length - 1] ?? "");
  if (greedy ? p.length < t.length : p.length !== t.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const part = t[i] ?? "";
    const m = /^\{([^}+]+)\+?\}$/.exec(part);
    if (m?.[1]) params[m[1]] = decodeURIComponent(greedy && i === t.length - 1 ? p.slice(i).join("/") : (p[i] ?? ""));
    else if (part !== p[i]) return undefined;
  }
  return params;
}

function innerXml(xml: string): string {
  return xml.replace(/^<[^>]+>/, "").replace(/<\/[^>]+>$/, "");
}

export function serializeXml(schema: unknown, value: unknown, namespace = ""): string {
  const serializer = new XmlShapeSerializer({
    timestampFormat: { useTrait: true, default: 5 },
    xmlNamespace: namespace,
    serviceNamespace: namespace,
  });
  serializer.write(schema as never, value);
  return String(serializer.flush());
}

export function serializeJson(schema: unknown, value: unknown, jsonName: boolean): string {
  const serializer = new JsonShapeSerializer({ timestampFormat: { useTrait: true, default: 7 }, jsonName });
  serializer.write(schema as never, value);
  return String(serializer.flush());
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function successResponse(
  model: ServiceModel,
  operation: string,
  output: unknown,
  requestId: string,
): WireResponse {
  const op = operationSchema(model, operation);
  if (!op) throw new Error(`no schema for ${operation}`);
  const outputSchema = op[5]();
  switch (model.protocol) {
    case "query": {
      const inner = innerXml(serializeXml(outputSchema, output ?? {}));
      const body = `<${operation}Response xmlns="${model.xmlNamespace ?? ""}"><${operation}Result>${inner}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
      return { status: 200, headers: { "content-type": "text/xml" }, body };
    }
    case "ec2": {
      const inner = innerXml(serializeXml(outputSchema, output ?? {}));
      const body = `<${operation}Response xmlns="${model.xmlNamespace ?? ""}"><requestId>${requestId}</requestId>${inner}</${operation}Response>`;
      return { status: 200, headers: { "content-type": "text/xml" }, body };
    }
    case "json":
      return {
        status: 200,
        headers: {
          "content-type": `application/x-amz-json-${model.jsonVersion ?? "1.1"}`,
          "x-amzn-requestid": requestId,
        },
        body: serializeJson(outputSchema, output ?? {}, false),
      };
    case "rest-json": {
      const status = (op[3] && op[3].http?.[2]) || 200;
      return {
        status,
        headers: { "content-type": "application/json", "x-amzn-requestid": requestId },
        body: serializeJson(outputSchema, output ?? {}, true),
      };
    }
    case "rest-xml":
      // S3 operations answer with their payload member alone; the responder hands over that XML.
      return {
        status: 200,
        headers: { "content-type": "application/xml", "x-amz-request-id": requestId },
        body: String(output ?? ""),
      };
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function errorResponse(
  model: ServiceModel,
  error: { code: string; message: string; status: number },
  requestId: string,
): WireResponse {
  const code = escapeXml(error.code);
  const message = escapeXml(error.message);
  switch (model.protocol) {
    case "query":
      return {
        status: error.status,
        headers: { "content-type": "text/xml" },
        body: `<ErrorResponse xmlns="${model.xmlNamespace ?? ""}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case "ec2":
      return {
        status: error.status,
        headers: { "content-type": "text/xml" },
        body: `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
    case "json":
      return {
        status: error.status,
        headers: {
          "content-type": `application/x-amz-json-${model.jsonVersion ?? "1.1"}`,
          "x-amzn-errortype": error.code,
          "x-amzn-requestid": requestId,
        },
        body: JSON.stringify({ __type: error.code, message: error.message }),
      };
    case "rest-json":
      return {
        status: error.status,
        headers: { "content-type": "application/json", "x-amzn-errortype": error.code, "x-amzn-requestid": requestId },
        body: JSON.stringify({ message: error.message }),
      };
    case "rest-xml":
      return {
        status: error.status,
        headers: { "content-type": "application/xml", "x-amz-request-id": requestId },
        body: `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`,
      };
  }
}
