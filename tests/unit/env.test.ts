// lib/env.ts: which mail transport an environment gets, when a server refuses to start, and
// the database pool size default (small on Vercel, where every function instance has a pool).
import { describe, expect, it } from "vitest";
import { bootProblems, databaseEnv, MAIL_NOT_CONFIGURED, mailSettings, migrationDatabaseUrl } from "@/lib/env";

const base = {
  DATABASE_URL: "postgresql://app:secret@db.example.test:5432/rf",
  AUTH_SECRET: "a-secret-of-at-least-16-characters",
  APP_URL: "https://help.example.test",
};

describe("mailSettings()", () => {
  const mail = (env: { SMTP_URL?: string; MAIL_FROM?: string; DEV_OUTBOX?: string }) => mailSettings({ APP_URL: base.APP_URL, ...env });

  it("sends real mail when SMTP_URL is set, and then the outbox is off even with DEV_OUTBOX=1", () => {
    expect(mail({ SMTP_URL: "smtp://u:p@smtp.example.test:587", DEV_OUTBOX: "1" })).toEqual({
      transport: "smtp",
      smtpUrl: "smtp://u:p@smtp.example.test:587",
      from: "ResolutionFlow <no-reply@help.example.test>",
    });
  });

  it("uses the outbox only for DEV_OUTBOX=1 exactly", () => {
    expect(mail({ DEV_OUTBOX: "1" }).transport).toBe("outbox");
    for (const value of [undefined, "", "0", "true", "yes", "1 ", "on"]) expect(mail({ DEV_OUTBOX: value }).transport).toBe("none");
  });

  it("takes the sender from MAIL_FROM", () => {
    expect(mail({ SMTP_URL: "smtps://smtp.example.test", MAIL_FROM: "Desk <desk@example.test>" }).from).toBe("Desk <desk@example.test>");
  });
});

describe("bootProblems()", () => {
  it("refuses a production server with neither SMTP_URL nor DEV_OUTBOX=1, naming both", () => {
    for (const DEV_OUTBOX of [undefined, "", "true", "0"]) {
      const problems = bootProblems({ ...base, NODE_ENV: "production", DEV_OUTBOX });
      expect(problems).toEqual([MAIL_NOT_CONFIGURED]);
      expect(problems[0]).toMatch(/SMTP_URL/);
      expect(problems[0]).toMatch(/DEV_OUTBOX=1/);
    }
  });

  it("lets a production server start with SMTP_URL or with DEV_OUTBOX=1", () => {
    expect(bootProblems({ ...base, NODE_ENV: "production", SMTP_URL: "smtp://smtp.example.test:587" })).toEqual([]);
    expect(bootProblems({ ...base, NODE_ENV: "production", DEV_OUTBOX: "1" })).toEqual([]);
  });

  it("does not hold up development servers over mail", () => {
    expect(bootProblems({ ...base, NODE_ENV: "development" })).toEqual([]);
  });

  it("reports a bad SMTP_URL and a missing auth secret", () => {
    expect(bootProblems({ ...base, NODE_ENV: "production", SMTP_URL: "http://smtp.example.test" })).toEqual([
      "SMTP_URL: SMTP_URL must be an smtp:// or smtps:// URL",
    ]);
    expect(bootProblems({ DATABASE_URL: base.DATABASE_URL, NODE_ENV: "production", DEV_OUTBOX: "1" })).toEqual([
      "AUTH_SECRET: AUTH_SECRET (or NEXTAUTH_SECRET) is not set",
    ]);
  });
});

describe("databaseEnv()", () => {
  it("defaults to 10 connections, and to 2 on Vercel where every function instance opens its own pool", () => {
    expect(databaseEnv({ DATABASE_URL: base.DATABASE_URL })).toEqual({ url: base.DATABASE_URL, poolSize: 10 });
    expect(databaseEnv({ DATABASE_URL: base.DATABASE_URL, VERCEL: "1" }).poolSize).toBe(2);
    expect(databaseEnv({ DATABASE_URL: base.DATABASE_URL, VERCEL: "1", DATABASE_POOL_SIZE: "5" }).poolSize).toBe(5);
  });

  it("says what is wrong", () => {
    expect(() => databaseEnv({})).toThrow("DATABASE_URL is not set to a postgres:// URL.");
    expect(() => databaseEnv({ DATABASE_URL: "mysql://x@y/z" })).toThrow("DATABASE_URL is not set to a postgres:// URL.");
    expect(() => databaseEnv({ DATABASE_URL: base.DATABASE_URL, DATABASE_POOL_SIZE: "0" })).toThrow("DATABASE_POOL_SIZE must be a whole number from 1 to 100.");
  });
});

describe("migrationDatabaseUrl()", () => {
  it("prefers DIRECT_DATABASE_URL for migrations", () => {
    expect(migrationDatabaseUrl(base.DATABASE_URL, {})).toBe(base.DATABASE_URL);
    expect(migrationDatabaseUrl(base.DATABASE_URL, { DIRECT_DATABASE_URL: "postgres://direct@db.example.test/rf" })).toBe("postgres://direct@db.example.test/rf");
    expect(() => migrationDatabaseUrl(base.DATABASE_URL, { DIRECT_DATABASE_URL: "db.example.test" })).toThrow("DIRECT_DATABASE_URL is not a postgres:// URL.");
  });
});
