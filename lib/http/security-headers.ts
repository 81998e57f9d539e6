// The security headers of every response, built in one place (proxy.ts sets a page's policy and
// HSTS; next.config.ts sets the fixed ones everywhere and the API routes' own). No imports:
// proxy.ts and next.config.ts both load it.

/** A fresh, unguessable nonce per request (128 random bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export type PolicyOptions = {
  /** `next dev`: React rebuilds server error stacks with eval, so dev needs 'unsafe-eval'. */
  dev: boolean;
  /** The public URL is https: upgrade stray http subresources. */
  https: boolean;
};

/**
 * The Content-Security-Policy of a page. Scripts run only with this response's nonce (Next
 * puts it on its own scripts when it finds it in the request's CSP header; next-themes' theme
 * script gets it from the root layout); 'strict-dynamic' lets those scripts load the page's
 * chunks. Styles allow 'unsafe-inline' because the rendered HTML carries style attributes
 * (progress bars, tree indentation, drag transforms) and radix / next-themes insert <style>
 * elements at run time; a nonce cannot cover attributes, and a nonce in style-src would switch
 * 'unsafe-inline' off. Injected CSS cannot run code, and scripts stay nonce-only. Images: this
 * site and data: URLs only, so Markdown cannot pull in tracking pixels from other hosts.
 */
export function contentSecurityPolicy(nonce: string, { dev, https }: PolicyOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A JSON or file response renders nothing: it may load nothing and be framed by nobody. */
export const NON_DOCUMENT_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Headers that are the same on every response, static files included. */
export const FIXED_SECURITY_HEADERS: Record<string, string> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // Powerful features nothing here uses, off for this site and anything it might embed. (The
  // copy buttons' clipboard stays at the browser's default: this site only.)
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
};

/** HSTS: one year, subdomains included, sent only when the public URL is https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** The site's public URL, as lib/env.ts reads it: APP_URL, else NEXTAUTH_URL. */
export function publicUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  return env.APP_URL ?? env.NEXTAUTH_URL;
}

export function isHttpsUrl(url: string | undefined): boolean {
  return !!url && /^https:\/\//i.test(url.trim());
}

/** What an API route adds to the fixed headers: the no-document policy, and HSTS when the public URL is https. */
export function apiRouteHeaders(publicUrl: string | undefined): Record<string, string> {
  return {
    "Content-Security-Policy": NON_DOCUMENT_POLICY,
    ...(isHttpsUrl(publicUrl) ? { "Strict-Transport-Security": STRICT_TRANSPORT_SECURITY } : {}),
  };
}
