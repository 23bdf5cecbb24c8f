export * from "./common";
export * from "./elasticache";
export * from "./storage";
export * from "./account-logging";
export * from "./personalize";
export * from "./cognito";
export * from "./connect";
export * from "./iam";
