/** Every service the fake endpoint answers, by the signing name in the request's signature. */
import type { FakeService } from "../types";
import { elasticache } from "./elasticache";
import { sts } from "./sts";

export const FAKE_SERVICES: Record<string, FakeService> = {
  [elasticache.model.signingName]: elasticache,
  [sts.model.signingName]: sts,
};
