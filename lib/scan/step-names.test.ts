import { describe, expect, it } from "vitest";
import { STEP_IDS } from "./plan";
import { isProgressStepId, STEP_NAMES, stepName, tlsStepId } from "./step-names";

describe("step names", () => {
  it("names every step the plan can take (storage by its parts), and nothing else", () => {
    const reported = [...STEP_IDS.filter((id) => id !== "storage"), "s3", "kinesis", "firehose"].sort();
    expect(Object.keys(STEP_NAMES).sort()).toEqual(reported);
    for (const id of reported) expect(stepName({ step: id, state: "started" }), id).toMatch(/^[A-Z][^·]+ · [A-Za-z]/);
  });

  it.each([
    [{ step: "sts-vpc-endpoints", state: "finished" as const }, "AWS STS · VPC endpoints"],
    [{ step: "s3", state: "started" as const, count: 12 }, "Amazon S3 · reading 12 buckets"],
    [{ step: "s3", state: "finished" as const, count: 12 }, "Amazon S3 · 12 buckets read"],
    [{ step: "kms", state: "finished" as const, count: 1 }, "AWS KMS · 1 key read"],
    [{ step: "kms", state: "started" as const }, "AWS KMS · keys the resources use"],
    [
      { step: tlsStepId("connect"), state: "started" as const, count: 5 },
      "AWS CloudTrail · checking TLS on 5 endpoints (Amazon Connect)",
    ],
    [
      { step: tlsStepId("iam"), state: "finished" as const, count: 1 },
      "AWS CloudTrail · TLS checked on 1 endpoint (AWS IAM and STS)",
    ],
  ])("%j → %s", (event, name) => {
    expect(stepName(event)).toBe(name);
  });

  it("shows an id it does not know as it is, rather than hiding the step", () => {
    expect(isProgressStepId("quantum")).toBe(false);
    expect(stepName({ step: "quantum", state: "started" })).toBe("quantum");
    expect(isProgressStepId("toString")).toBe(false);
  });
});
