import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // Loaded from node_modules at run time (a native add-on; a renderer that reads font files; the export
  // worker pool, which starts its threads from its own files, and whose bundled worker shares these).
  serverExternalPackages: ["better-sqlite3", "@react-pdf/renderer", "piscina"],
  experimental: {
    // The proxy (proxy.ts) makes Next.js buffer request bodies; no Safekeep request needs more than this,
    // so a chunked upload without Content-Length cannot make the server hold megabytes per request.
    proxyClientMaxBodySize: "64kb",
  },
};

export default nextConfig;
