import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // The CLI runs the same code with tsx; keep the build from bundling Node-only SDK internals oddly.
  serverExternalPackages: ["@aws-sdk/client-elasticache", "@aws-sdk/client-sts"],
};

export default nextConfig;
