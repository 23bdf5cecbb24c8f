/**
 * The recommendations the seed pages make, in the order the pages make them. Service pages group
 * their controls under these headings so a reader sees which AWS advice each control checks.
 */
export interface Recommendation {
  id: string;
  title: string;
}

export const RECOMMENDATIONS = [
  { id: "credentials", title: "Protect account credentials" },
  { id: "least-privilege", title: "Give each user only the permissions they need" },
  { id: "mfa", title: "Use multi-factor authentication" },
  { id: "tls", title: "Use SSL/TLS (TLS 1.2 or later)" },
  { id: "logging", title: "Log API and user activity with CloudTrail" },
  { id: "encryption", title: "Use AWS encryption solutions and default security controls" },
  { id: "macie", title: "Use managed security services such as Amazon Macie" },
  { id: "fips", title: "Use FIPS endpoints where FIPS 140 is required" },
  { id: "names", title: "Keep sensitive identifying information out of free-form fields" },
  { id: "urls", title: "Keep credentials out of URLs" },
  { id: "aws-managed", title: "Protections AWS provides (shared responsibility)" },
] as const satisfies readonly Recommendation[];

export type RecommendationId = (typeof RECOMMENDATIONS)[number]["id"];

export function isRecommendationId(value: string): value is RecommendationId {
  return RECOMMENDATIONS.some((r) => r.id === value);
}
