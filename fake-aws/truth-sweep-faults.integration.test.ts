/**
 * The truth sweep for other kinds of missing data (server errors, malformed answers, Regions that
 * reject the credentials), sampled in every service of the shipped policy (see truth-sweep.ts).
 */
import { describeSweep, otherFaultCases } from "./truth-sweep";

describeSweep("with answers that cannot be read, nothing reads better than with full data", otherFaultCases());
