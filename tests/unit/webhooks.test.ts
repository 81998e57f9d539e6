// Pure webhook rules: which addresses are refused, the signature (checked by the reference
// Standard Webhooks verifier), the retry schedule, the request body.
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { isForbiddenAddress, localDemoWebhookEnv, privateAddressesAllowed, resolveWebhookTarget } from "@/lib/webhooks/address-policy";
import { MAX_ATTEMPTS, nextAttemptDelay, RETRY_DELAYS_MS, webhookBody } from "@/lib/webhooks/drain";
import { newWebhookSecret, webhookHeaders } from "@/lib/webhooks/signing";

describe("address policy", () => {
  it.each([
    "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0",
    "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00:ec2::254", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "not-an-ip",
  ])("refuses %s", (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows %s", (address) => expect(isForbiddenAddress(address)).toBe(false));

  it("checks every address DNS gives, and IP literals without DNS", async () => {
    const lookup = async () => [{ address: "93.184.216.34", family: 4 as const }, { address: "10.0.0.5", family: 4 as const }];
    await expect(resolveWebhookTarget(new URL("https://hooks.example.com/x"), { allowPrivate: false, lookup })).rejects.toThrow(/resolves to 10\.0\.0\.5/);
    await expect(resolveWebhookTarget(new URL("https://hooks.example.com/x"), { allowPrivate: true, lookup })).resolves.toEqual({ address: "93.184.216.34", family: 4 });
    await expect(resolveWebhookTarget(new URL("http://[::1]:8080/x"), { allowPrivate: false, lookup })).rejects.toThrow(/::1/);
    await expect(resolveWebhookTarget(new URL("http://8.8.8.8/x"), { allowPrivate: false, lookup: async () => { throw new Error("no DNS for literals"); } })).resolves.toEqual({ address: "8.8.8.8", family: 4 });
    await expect(resolveWebhookTarget(new URL("https://nowhere.invalid/"), { allowPrivate: false, lookup: async () => { throw new Error("ENOTFOUND"); } })).rejects.toThrow(/could not be resolved/);
  });

  it("is lifted only by WEBHOOKS_ALLOW_PRIVATE=1 (production is not the demo)", () => {
    expect(privateAddressesAllowed({})).toBe(false);
    expect(privateAddressesAllowed({ NODE_ENV: "production" })).toBe(false);
    expect(privateAddressesAllowed({ WEBHOOKS_ALLOW_PRIVATE: "true" })).toBe(false);
    expect(privateAddressesAllowed({ WEBHOOKS_ALLOW_PRIVATE: "1" })).toBe(true);
  });

  it("npm start turns it on for the embedded-database demo only, and never overrides an explicit setting", () => {
    expect(localDemoWebhookEnv({}, true)).toEqual({ WEBHOOKS_ALLOW_PRIVATE: "1" });
    expect(localDemoWebhookEnv({}, false)).toEqual({});
    expect(localDemoWebhookEnv({ WEBHOOKS_ALLOW_PRIVATE: "0" }, true)).toEqual({});
  });
});

describe("signature", () => {
  it("verifies with the reference Standard Webhooks library, and fails on any change", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const body = webhookBody({ eventId: "0190e5a0-0000-7000-8000-000000000001", type: "session.completed", payload: { a: 1 }, createdAt: new Date("2026-11-29T01:00:00Z") });
    const headers = webhookHeaders(secret, "0190e5a0-0000-7000-8000-000000000001", body);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ id: "0190e5a0-0000-7000-8000-000000000001", type: "session.completed", timestamp: "2026-11-29T01:00:00.000Z", data: { a: 1 } });
    expect(() => new Webhook(secret).verify(body + " ", headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-id": "other" })).toThrow();
    // An old timestamp (a replay) is refused by the verifier's tolerance.
    const old = webhookHeaders(secret, "x", body, new Date(Date.now() - 3_600_000));
    expect(() => new Webhook(secret).verify(body, old)).toThrow();
  });
});

describe("retry schedule", () => {
  it("8 attempts over about a day, then failed", () => {
    expect(MAX_ATTEMPTS).toBe(8);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(nextAttemptDelay)).toEqual([...RETRY_DELAYS_MS, null]);
    const total = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(total).toBeGreaterThan(20);
    expect(total).toBeLessThan(30);
  });
});
