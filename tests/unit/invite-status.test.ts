import { describe, expect, it } from "vitest";
import { inviteStatus } from "@/lib/account/queries";

const now = new Date("2026-06-01T12:00:00Z");
const later = new Date("2026-06-02T12:00:00Z");
const earlier = new Date("2026-05-31T12:00:00Z");
const invite = (over: Partial<Parameters<typeof inviteStatus>[0]> = {}) => ({
  revokedAt: null, expiresAt: later, uses: 0, maxUses: 1, ...over,
});

describe("inviteStatus", () => {
  it("is active while unexpired, unrevoked and with uses left", () => {
    expect(inviteStatus(invite(), now)).toBe("active");
    expect(inviteStatus(invite({ uses: 4, maxUses: 5 }), now)).toBe("active");
  });

  it("is used up at maxUses", () => {
    expect(inviteStatus(invite({ uses: 1, maxUses: 1 }), now)).toBe("used up");
    expect(inviteStatus(invite({ uses: 5, maxUses: 5 }), now)).toBe("used up");
  });

  it("is expired from the expiry instant on", () => {
    expect(inviteStatus(invite({ expiresAt: earlier }), now)).toBe("expired");
    expect(inviteStatus(invite({ expiresAt: now }), now)).toBe("expired");
    expect(inviteStatus(invite({ expiresAt: new Date(now.getTime() + 1) }), now)).toBe("active");
  });

  it("revoked wins over expired and used up; expired wins over used up", () => {
    expect(inviteStatus(invite({ revokedAt: earlier, expiresAt: earlier, uses: 1 }), now)).toBe("revoked");
    expect(inviteStatus(invite({ expiresAt: earlier, uses: 1 }), now)).toBe("expired");
  });

  it("defaults `now` to the current time", () => {
    expect(inviteStatus(invite({ expiresAt: new Date(Date.now() - 1000) }))).toBe("expired");
    expect(inviteStatus(invite({ expiresAt: new Date(Date.now() + 60_000) }))).toBe("active");
  });
});
