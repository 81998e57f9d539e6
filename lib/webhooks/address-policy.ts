// Which addresses a webhook may reach. In production a URL must resolve only to public unicast
// addresses: no private, loopback, link-local (cloud metadata at 169.254.169.254), CGNAT,
// unique-local v6, multicast or reserved ones. Checked when an endpoint is saved (for a clear
// message) and again at every send, where the checked address is the one connected to (see
// send.ts), so DNS changing between check and connect cannot reach an internal host.
// WEBHOOKS_ALLOW_PRIVATE=1 lifts this for development; `npm start`'s local demo sets it.
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: LookupAll = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export class WebhookUrlRefused extends Error {}

export function privateAddressesAllowed(env: Record<string, string | undefined> = process.env): boolean {
  return env.WEBHOOKS_ALLOW_PRIVATE === "1";
}

/** True for anything but a public unicast address (IPv4-mapped v6 is judged as the v4 it maps). */
export function isForbiddenAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  return ipaddr.process(address).range() !== "unicast";
}

/**
 * Resolves the URL's host (every address DNS gives) and returns the one to connect to, or
 * throws WebhookUrlRefused. With private addresses allowed, only resolution is checked.
 */
export async function resolveWebhookTarget(url: URL, options: { allowPrivate: boolean; lookup?: LookupAll }): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: ResolvedAddress[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await (options.lookup ?? systemLookup)(host);
    } catch {
      throw new WebhookUrlRefused(`The host ${host} could not be resolved.`);
    }
  }
  if (!addresses.length) throw new WebhookUrlRefused(`The host ${host} could not be resolved.`);
  if (!options.allowPrivate) {
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad) throw new WebhookUrlRefused(`${host} resolves to ${bad.address}, a private or reserved address; webhooks only go to public addresses.`);
  }
  return addresses[0];
}

/**
 * What `npm start` adds to the server's environment: on the embedded database (a local demo)
 * private addresses are allowed, so a receiver on localhost works; with DATABASE_URL (a real
 * deployment) nothing changes. An explicit WEBHOOKS_ALLOW_PRIVATE (even "0") is left alone.
 */
export function localDemoWebhookEnv(env: Record<string, string | undefined>, embeddedDatabase: boolean): { WEBHOOKS_ALLOW_PRIVATE?: "1" } {
  if (env.WEBHOOKS_ALLOW_PRIVATE !== undefined || !embeddedDatabase) return {};
  return { WEBHOOKS_ALLOW_PRIVATE: "1" };
}
