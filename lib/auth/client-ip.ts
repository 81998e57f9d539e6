// The client's IP address, the way the deployment defines it, for rate limits.
//
// The address chain is X-Forwarded-For's entries, left to right, then the TCP peer (stamped by
// lib/auth/peer-address-preload.mjs when the server was started with it). TRUSTED_PROXY_HOPS
// says how many proxies we run behind; each appends the address it saw, so the client is the
// entry that many steps left of the peer. Anything further left was written by the client and
// is ignored, so a forged X-Forwarded-For never makes a fresh rate-limit bucket.
//   0 (default): reached directly; the peer is the client.
//   1: one proxy (nginx, a load balancer, Vercel): the right-most X-Forwarded-For entry.
// On Vercel there is no peer stamp; its edge overwrites X-Forwarded-For (and x-real-ip) with
// the client's address, so TRUSTED_PROXY_HOPS=1 takes that single entry.
import { isIP } from "node:net";
import { z } from "zod";

export const PEER_HEADER = "x-resolutionflow-peer";

type HeaderSource = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  if (Array.isArray(value)) return value.join(",");
  return typeof value === "string" ? value : undefined;
}

export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  return z.coerce.number().int().min(0).max(10).catch(0).parse(env.TRUSTED_PROXY_HOPS ?? 0);
}

/** Lower-cased, IPv4-mapped IPv6 unwrapped (::ffff:1.2.3.4 → 1.2.3.4); "unknown" if not an IP. */
export function normaliseIp(raw: string | undefined): string {
  const value = (raw ?? "").trim().toLowerCase().replace(/^\[(.*)\](:\d+)?$/, "$1");
  const unwrapped = value.startsWith("::ffff:") && isIP(value.slice(7)) === 4 ? value.slice(7) : value;
  return isIP(unwrapped) ? unwrapped : "unknown";
}

export function clientIp(
  headers: HeaderSource,
  options: { hops?: number; peerStamped?: boolean } = {},
): string {
  const hops = options.hops ?? trustedProxyHops();
  const peerStamped = options.peerStamped ?? process.env.RF_PEER_HEADER === "1";
  const forwarded = (header(headers, "x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  // Without the stamp (plain `next start`, Vercel) Next.js or the platform wrote the last hop into X-Forwarded-For.
  const chain = peerStamped ? [...forwarded, header(headers, PEER_HEADER) ?? ""] : forwarded;
  if (chain.length === 0) return "unknown";
  // Fewer entries than proxies means a proxy did not append: the left-most entry is the best we have.
  return normaliseIp(chain[Math.max(0, chain.length - 1 - hops)]);
}
