import { maskPersonalData } from "@/lib/detectors/pii";
import { inspectUrl, redactUrl } from "@/lib/detectors/urls";
import type { Control, ResourceResult } from "../types";
import { personalDataOptions, TEXT_FIELD_ACTIONS, URL_FIELD_ACTIONS, urlFields } from "./text-fields";

const RESOURCE_TYPE = "Configured URL";

export const control: Control = {
  meta: {
    id: "xc.credentials-in-urls",
    service: "account",
    title: "Configured URLs carry no credentials, tokens or signatures",
    severity: "high",
    responsibility: "customer",
    recommendation: "urls",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote:
        "When you provide a URL to an external server, don't include credentials information in the URL to validate your request to that server.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Remove the secret from the URL, rotate the exposed credential, and pass credentials in request headers or through the OAuth authorization code flow instead.",
      url: "https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html",
    },
    docs: [
      "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/data-protection.html",
      "https://docs.aws.amazon.com/cognito/latest/developerguide/data-protection.html",
      "https://docs.aws.amazon.com/connect/latest/adminguide/data-protection.html",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/data-protection.html",
    ],
    // URLs written inside names, descriptions and tags come from every text field's call.
    requires: [...new Set([...URL_FIELD_ACTIONS, ...TEXT_FIELD_ACTIONS])],
    related: ["Security Hub CodeBuild.1", "Prowler codebuild_project_source_repo_url_no_sensitive_credentials"],
    verdicts: [
      "fail: a configured URL carries a user name or password, a credential-named parameter with a real value, a pre-signed URL's signature, an AWS access key id, a JWT or another known token shape, or a webhook secret in its path.",
      "warn: a parameter such as key= that may hold an API key, a long random-looking parameter value, or http:// to a host other than loopback.",
      "pass: the URL carries none of these (one row per URL field; only the redacted URL is stored).",
      "error: a call that lists URLs, or the names and tags URLs can be written in, failed.",
    ],
  },
  evaluate(inventory) {
    const options = personalDataOptions(inventory);
    return urlFields(inventory).map((field): ResourceResult => {
      const findings = inspectUrl(field.value);
      // Only the redacted form is ever stored; personal data in a path (an e-mail address) is masked too.
      const url = maskPersonalData(redactUrl(field.value), options);
      const resource = `${field.resourceType} ${maskPersonalData(field.resourceName, options)}`;
      const where = maskPersonalData(field.field, options);
      const base = {
        resourceArn: field.resourceArn,
        resourceType: field.resourceType,
        region: field.region,
        // One row per URL field of a resource: the field is part of the finding's stable id.
        field: where,
        evidence: { field: where, url, rules: findings.map((f) => f.rule) },
      };
      const details = findings.map((f) => f.detail).join("; ");
      if (findings.some((f) => f.severity === "fail")) {
        return { ...base, status: "fail", reason: `${resource} has credentials in ${where} (${url}): ${details}.` };
      }
      if (findings.length > 0) {
        return { ...base, status: "warn", reason: `${resource} has a weak URL in ${where} (${url}): ${details}.` };
      }
      return { ...base, status: "pass", reason: `${resource}'s ${where} (${url}) carries no credentials.` };
    });
  },
};
