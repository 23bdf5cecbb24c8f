/**
 * The truth sweep, share 1 of 2 of the shipped policy: each action denied in turn, every row compared
 * with the fault-free scan (see truth-sweep.ts). New collector calls are covered automatically: the
 * list comes from the policy, which a test keeps in step with the collectors.
 */
import { denialCases, describeSweep } from "./truth-sweep";

describeSweep(
  "with one action of the shipped policy denied, nothing reads better than with full data",
  denialCases(1, 2),
);
