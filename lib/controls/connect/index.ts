import type { Control } from "../types";
import { control as apiAccessViaRoles } from "./api-access-via-roles";
import { control as approvedOrigins } from "./approved-origins";
import { control as awsManagedEncryption } from "./aws-managed-encryption";
import { control as dataStreamsEncryption } from "./data-streams-encryption";
import { control as identityMfa } from "./identity-mfa";
import { control as mediaStreamsKms } from "./media-streams-kms";
import { control as otherS3StorageKms } from "./other-s3-storage-kms";
import { control as recordingsTranscriptsKms } from "./recordings-transcripts-kms";
import { control as securityProfilesReview } from "./security-profiles-review";
import { control as storageBucketEncryption } from "./storage-bucket-encryption";

export const connectControls: readonly Control[] = [
  apiAccessViaRoles,
  approvedOrigins,
  awsManagedEncryption,
  dataStreamsEncryption,
  identityMfa,
  mediaStreamsKms,
  otherS3StorageKms,
  recordingsTranscriptsKms,
  securityProfilesReview,
  storageBucketEncryption,
];
