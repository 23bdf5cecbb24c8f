export * from "./common";
export * from "./elasticache";
