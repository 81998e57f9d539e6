// clientIp(): the address rate limits count, the way TRUSTED_PROXY_HOPS says the deployment works.
import { describe, expect, it } from "vitest";
import { clientIp, normaliseIp, PEER_HEADER, trustedProxyHops } from "@/lib/auth/client-ip";

const stamped = (forwardedFor: string | undefined, peer: string) => ({
  ...(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor }),
  [PEER_HEADER]: peer,
});

describe("clientIp", () => {
  it("0 hops (reached directly): the socket peer, whatever X-Forwarded-For says", () => {
    for (const forged of [undefined, "1.2.3.4", "5.6.7.8, 9.9.9.9", "garbage"]) {
      expect(clientIp(stamped(forged, "::ffff:203.0.113.7"), { hops: 0, peerStamped: true })).toBe("203.0.113.7");
    }
  });

  it("1 hop (one proxy in front): the entry that proxy appended, not what the client wrote before it", () => {
    // nginx appends the address it saw; the client may have sent its own header first.
    for (const forged of ["", "1.2.3.4, ", "10.0.0.1, 172.16.0.9, "]) {
      expect(clientIp(stamped(`${forged}198.51.100.23`, "10.0.0.2"), { hops: 1, peerStamped: true })).toBe("198.51.100.23");
    }
  });

  it("2 hops: two entries left of the peer", () => {
    expect(clientIp(stamped("6.6.6.6, 198.51.100.23, 10.0.0.5", "10.0.0.2"), { hops: 2, peerStamped: true })).toBe("198.51.100.23");
  });

  it("Vercel (no peer stamp, TRUSTED_PROXY_HOPS=1): the single X-Forwarded-For entry its edge wrote", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.23" }), { hops: 1, peerStamped: false })).toBe("198.51.100.23");
  });

  it("plain `next start` without the stamp: the right-most entry, which Next.js fills from the socket", () => {
    expect(clientIp({ "x-forwarded-for": "127.0.0.1" }, { hops: 0, peerStamped: false })).toBe("127.0.0.1");
    expect(clientIp({}, { hops: 0, peerStamped: false })).toBe("unknown");
  });

  it("a forged header rotated on every request never yields a new address", () => {
    const seen = new Set(Array.from({ length: 50 }, (_, i) =>
      clientIp(stamped(`10.1.${i}.${i}, 192.0.2.${i}`, "203.0.113.7"), { hops: 0, peerStamped: true })));
    expect([...seen]).toEqual(["203.0.113.7"]);
    const behindProxy = new Set(Array.from({ length: 50 }, (_, i) =>
      clientIp(stamped(`10.1.${i}.${i}, 192.0.2.${i}, 198.51.100.23`, "10.0.0.2"), { hops: 1, peerStamped: true })));
    expect([...behindProxy]).toEqual(["198.51.100.23"]);
  });

  it("normalises addresses and refuses non-addresses", () => {
    expect(normaliseIp("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(normaliseIp("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normaliseIp("evil.example.com")).toBe("unknown");
    expect(normaliseIp(undefined)).toBe("unknown");
  });

  it("reads TRUSTED_PROXY_HOPS, defaulting to 0 for missing or nonsense values", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "1" })).toBe(1);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "two" })).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "-1" })).toBe(0);
  });
});
