/**
 * FIPS endpoint availability (xc.fips-endpoints), copied from the SDK endpoint metadata
 * (botocore `data/endpoints.json`, 1.43.x: the "fips" variants of each service's endpoints) for the
 * partitions Safekeep scans. Static data: no API call tells which FIPS endpoints exist. Each
 * service's rows live in its descriptor (`fips` in lib/inventory/services), gathered here.
 *
 * Regenerate when AWS adds FIPS endpoints; a Region missing there is reported as "no FIPS endpoint
 * listed", never as a failure.
 */
import { SERVICE_DESCRIPTORS, type FipsService } from "@/lib/inventory/services";

export type { FipsService } from "@/lib/inventory/services";

export const FIPS_SERVICES: readonly FipsService[] = SERVICE_DESCRIPTORS.flatMap((descriptor) => descriptor.fips);
