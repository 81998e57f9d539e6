// The policy builder behind proxy.ts and next.config.ts (the journeys in
// tests/e2e/headers.spec.ts check the headers on real responses).
import { describe, expect, it } from "vitest";
import { apiRouteHeaders, contentSecurityPolicy, FIXED_SECURITY_HEADERS, isHttpsUrl, newNonce } from "@/lib/http/security-headers";

describe("the Content-Security-Policy", () => {
  it("runs scripts only with the nonce in production", () => {
    const policy = contentSecurityPolicy("abc123", { dev: false, https: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic';");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("img-src 'self' data:;");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("upgrade-insecure-requests");
  });

  it("allows eval only in development", () => {
    expect(contentSecurityPolicy("n", { dev: true, https: false })).toContain("'strict-dynamic' 'unsafe-eval';");
  });

  it("upgrades insecure requests when the site is https", () => {
    expect(contentSecurityPolicy("n", { dev: false, https: true })).toMatch(/; upgrade-insecure-requests$/);
  });

  it("makes a different, unguessable nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/); // 16 random bytes
  });
});

describe("the fixed headers and HSTS", () => {
  it("deny framing and sniffing, trim the referrer, switch off unused features", () => {
    expect(FIXED_SECURITY_HEADERS).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
    expect(FIXED_SECURITY_HEADERS["Permissions-Policy"]).toContain("camera=()");
  });

  it.each([
    ["https://rf.example.com", true],
    [" HTTPS://rf.example.com ", true],
    ["http://localhost:3000", false],
    [undefined, false],
    ["", false],
  ])("HSTS for APP_URL %j: %s", (url, https) => {
    expect(isHttpsUrl(url)).toBe(https);
  });
});

describe("the API routes' headers (next.config.ts; the routes skip proxy.ts)", () => {
  it("forbid any document content, with HSTS only for an https public URL", () => {
    expect(apiRouteHeaders("https://rf.example.com")).toEqual({
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    });
    expect(apiRouteHeaders("http://localhost:3000")).toEqual({ "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'" });
    expect(apiRouteHeaders(undefined)).not.toHaveProperty("Strict-Transport-Security");
  });
});

describe("next.config.ts's headers", () => {
  it("put the fixed headers everywhere and the API routes' policy and HSTS on /api/*", async () => {
    const saved = { APP_URL: process.env.APP_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
    try {
      const { default: config } = await import("../../next.config");
      process.env.APP_URL = "https://rf.example.com";
      const https = await config.headers!();
      expect(https.find((rule) => rule.source === "/:path*")?.headers).toContainEqual({ key: "X-Frame-Options", value: "DENY" });
      const api = https.find((rule) => rule.source === "/api/:path*")?.headers;
      expect(api).toContainEqual({ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" });
      expect(api).toContainEqual({ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" });
      process.env.APP_URL = "http://localhost:3000";
      const http = await config.headers!();
      expect(http.find((rule) => rule.source === "/api/:path*")?.headers.map((h) => h.key)).toEqual(["Content-Security-Policy"]);
    } finally {
      for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key]; else process.env[key] = value;
    }
  });
});
