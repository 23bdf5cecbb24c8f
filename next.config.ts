import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // Native add-on: loaded from node_modules at run time, traced into the standalone output.
  serverExternalPackages: ["better-sqlite3"],
};

export default nextConfig;
