// Bad input to every server action: a clear message (with per-field errors where a field is
// to blame), and not one byte changed in the database.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createInvite, revokeInvite } from "@/lib/account/invites.actions";
import { changeMemberRole, removeMember, renameAccount, setMemberTeam } from "@/lib/account/members.actions";
import { createTeam, renameTeam } from "@/lib/account/teams.actions";
import type { ActionResult } from "@/lib/action";
import { requestPasswordReset, resendVerification, resetPassword, signUp, verifyEmail } from "@/lib/auth/auth.actions";
import { db } from "@/lib/db/client";
import { createFlow, forkFlow, importFlow, saveFlow } from "@/lib/flows/flows.actions";
import { createLibraryStep } from "@/lib/library/library.actions";
import { addCustomStep, completeSession, setNodeNote, setStepState, startSession, updateSessionVariables } from "@/lib/sessions/sessions.actions";
import { actAs as actAsUser, createTenant } from "@/tests/helpers/factories";
import { getSessionIdentity } from "@/tests/helpers/session-double";

/** Acts as `user` with its sign-in done: the session row it writes is not the action's write. */
async function actAs(user: Parameters<typeof actAsUser>[0]) {
  actAsUser(user);
  await getSessionIdentity();
}
import { sampleProcedure } from "@/tests/helpers/flow-fixtures";
import { silenceMailLog } from "@/tests/helpers/outbox";
import { ok, publishProcedure } from "@/tests/helpers/published-flows";

const HUGE = "x".repeat(10_000);
const MISSING = Symbol("missing");
const WHOLE_INPUTS: unknown[] = [undefined, null, "a string", 42, true, [], ["a"], new Date()];

// Text that must never reach the browser.
const INTERNAL_TEXT = /prisma|invocation|postgres|sql|constraint|relation|violat|P\d{4}|0x00|utf8|byte sequence|stack|\bat \/|node_modules|undefined is not|cannot read prop|zod|invalid_type/i;

type Action = (input: never) => Promise<ActionResult<unknown>>;
type Spec = {
  action: Action;
  valid: () => Record<string, unknown>;
  bad: Record<string, unknown[]>;
  /** Keeps other fields consistent with the bad one (e.g. confirm = password). */
  align?: (input: Record<string, unknown>, field: string) => void;
  /** Fields a cross-field rule may also flag (e.g. "do not match" on confirm). */
  related?: string[];
};

/** A fingerprint of every row of every table: equal fingerprints = nothing was written. */
async function databaseFingerprint(): Promise<Record<string, string>> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const out: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint; h: string | null }[]>(
      `SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM "${tablename}" t`,
    );
    out[tablename] = `${row.n}:${row.h}`;
  }
  return out;
}

function expectClearFailure(result: ActionResult<unknown>, label: string) {
  expect(result.ok, label).toBe(false);
  if (result.ok) return;
  expect(result.code, label).toBe("invalid");
  expect(result.error.length, label).toBeGreaterThan(3);
  expect(result.error.length, label).toBeLessThan(300);
  expect(result.error, label).not.toMatch(INTERNAL_TEXT);
  expect(result.error, label).not.toContain("xxxxxxxxxx"); // never echoes the input back
  for (const messages of Object.values(result.fieldErrors ?? {})) {
    for (const message of messages) {
      expect(message, label).not.toMatch(INTERNAL_TEXT);
      expect(message.length, label).toBeLessThan(200);
    }
  }
}

const label = (value: unknown) =>
  value === MISSING ? "missing" : typeof value === "string" && value.length > 40 ? `${value.length} chars` : JSON.stringify(value) ?? String(value);

let tenant: Awaited<ReturnType<typeof createTenant>>;
let teamId: string;
let inviteId: string;

beforeAll(async () => {
  tenant = await createTenant();
  teamId = (await db.team.create({ data: { accountId: tenant.account.id, name: "Service Desk" } })).id;
  inviteId = (
    await db.invite.create({
      data: { accountId: tenant.account.id, codeHash: "f".repeat(64), codeHint: "FFFF", expiresAt: new Date(Date.now() + 86_400_000) },
    })
  ).id;
});

beforeEach(async () => {
  silenceMailLog();
  // The most powerful caller, so every input reaches validation.
  await actAs(tenant.owner);
});

const badId = ["", "not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g", `${"a".repeat(8)}-aaaa-aaaa-aaaa-${"a".repeat(12)}x`, HUGE, 5, -1, {}, ["x"], MISSING];
const badName = ["", "   ", HUGE, 5, null, {}, ["a"], MISSING];
const badEmail = ["", "   ", "not-an-email", "a@", "@b.com", "a b@c.com", `${HUGE}@example.com`, 5, null, {}, MISSING];
const badPassword = ["", "short", "123456789", HUGE, 12345678901, null, ["0123456789"], MISSING];
const badToken = ["", "short", HUGE, 5, null, {}, MISSING];
const badRole = ["", "superuser", "OWNER", "owner ", 5, null, {}];
const badCount = [0, -1, -100, 1.5, 1e9, Number.MAX_SAFE_INTEGER + 2, Infinity, -Infinity, NaN, "abc", "1.5", "-3", "1e999", "", null, {}, [1, 2], MISSING];

const specs: Record<string, Spec> = {
  signUp: {
    action: signUp as Action,
    valid: () => ({ name: "Ada", email: "ada.bad-input@example.com", password: "0123456789", companyName: "Acme" }),
    bad: { name: badName, email: badEmail, password: badPassword, companyName: [HUGE, 5, {}, ""], inviteCode: [HUGE, 5, {}] },
  },
  requestPasswordReset: {
    action: requestPasswordReset as Action,
    valid: () => ({ email: tenant.engineer.email }),
    bad: { email: badEmail },
  },
  resetPassword: {
    action: resetPassword as Action,
    valid: () => ({ token: "t".repeat(43), password: "0123456789", confirm: "0123456789" }),
    bad: { token: badToken, password: badPassword.filter((p) => p !== MISSING), confirm: ["", "9876543210", 5, null, MISSING] },
    align: (input, field) => {
      if (field === "password") input.confirm = input.password;
    },
    related: ["confirm"],
  },
  verifyEmail: {
    action: verifyEmail as Action,
    valid: () => ({ token: "t".repeat(43) }),
    bad: { token: badToken },
  },
  resendVerification: {
    action: resendVerification as Action,
    valid: () => ({}),
    bad: {},
  },
  createInvite: {
    action: createInvite as Action,
    valid: () => ({ role: "engineer", teamId, maxUses: 3, expiresInDays: 7 }),
    bad: { role: badRole, teamId: badId.filter((v) => v !== MISSING), maxUses: [...badCount, 501], expiresInDays: [...badCount, 91] },
  },
  revokeInvite: {
    action: revokeInvite as Action,
    valid: () => ({ inviteId }),
    bad: { inviteId: [...badId, null] },
  },
  changeMemberRole: {
    action: changeMemberRole as Action,
    valid: () => ({ userId: tenant.engineer.id, role: "l1" }),
    bad: { userId: [...badId, null], role: [...badRole, MISSING] },
  },
  removeMember: {
    action: removeMember as Action,
    valid: () => ({ userId: tenant.l1.id }),
    bad: { userId: [...badId, null] },
  },
  setMemberTeam: {
    action: setMemberTeam as Action,
    valid: () => ({ userId: tenant.engineer.id, teamId }),
    bad: { userId: [...badId, null], teamId: badId },
  },
  createTeam: {
    action: createTeam as Action,
    valid: () => ({ name: "Projects" }),
    bad: { name: [...badName, "x".repeat(81)] },
  },
  renameTeam: {
    action: renameTeam as Action,
    valid: () => ({ teamId, name: "Projects" }),
    bad: { teamId: [...badId, null], name: [...badName, "x".repeat(81)] },
  },
  renameAccount: {
    action: renameAccount as Action,
    valid: () => ({ name: "Renamed Co" }),
    bad: { name: [...badName, "x".repeat(121)] },
  },
};

describe.each(Object.entries(specs))("%s", (name, spec) => {
  it("refuses malformed input as a whole, changing nothing", async () => {
    const before = await databaseFingerprint();
    for (const input of WHOLE_INPUTS) {
      if (name === "resendVerification" && input instanceof Date) continue; // an object with no keys is a valid {}
      expectClearFailure(await spec.action(input as never), `${name}(${label(input)})`);
    }
    expect(await databaseFingerprint()).toEqual(before);
  });

  if (Object.keys(spec.bad).length === 0) return;
  it("refuses each bad field with a message on that field, changing nothing", async () => {
    const before = await databaseFingerprint();
    for (const [field, values] of Object.entries(spec.bad)) {
      for (const value of values) {
        const input = spec.valid();
        if (value === MISSING) delete input[field];
        else input[field] = value;
        spec.align?.(input, field);
        const result = await spec.action(input as never);
        const what = `${name}({ ${field}: ${label(value)} })`;
        expectClearFailure(result, what);
        if (!result.ok) {
          const flagged = Object.keys(result.fieldErrors ?? {});
          expect(flagged, what).toContain(field);
          expect(flagged.filter((f) => f !== field && !spec.related?.includes(f)), what).toEqual([]);
        }
      }
    }
    expect(await databaseFingerprint()).toEqual(before);
  });
});

describe("messages a person can act on", () => {
  it.each([
    ["maxUses", "At least 1 use.", createInvite, { role: "engineer", teamId: null, maxUses: 0, expiresInDays: 7 }],
    ["maxUses", "At most 500 uses.", createInvite, { role: "engineer", teamId: null, maxUses: 501, expiresInDays: 7 }],
    ["maxUses", "Use a whole number.", createInvite, { role: "engineer", teamId: null, maxUses: 2.5, expiresInDays: 7 }],
    ["maxUses", "Enter a number of uses.", createInvite, { role: "engineer", teamId: null, maxUses: "lots", expiresInDays: 7 }],
    ["expiresInDays", "Enter a number of days.", createInvite, { role: "engineer", teamId: null, maxUses: 1 }],
    ["expiresInDays", "At most 90 days.", createInvite, { role: "engineer", teamId: null, maxUses: 1, expiresInDays: 365 }],
    ["role", "Choose a role.", createInvite, { role: "wizard", teamId: null, maxUses: 1, expiresInDays: 1 }],
    ["userId", "Unknown id.", removeMember, { userId: "not-a-uuid" }],
    ["name", "Enter a team name.", createTeam, { name: "   " }],
    ["name", "Use at most 80 characters.", createTeam, { name: HUGE }],
    ["name", "Enter a name.", renameAccount, { name: "" }],
  ] as const)("%s: %s", async (field, message, action, input) => {
    const result = await (action as Action)(input as never);
    expect(result).toMatchObject({ ok: false, code: "invalid", error: `${field}: ${message}`, fieldErrors: { [field]: [message] } });
  });

  it("numbers typed into a form arrive as strings and are accepted", async () => {
    const result = await createInvite({ role: "l1", teamId: null, maxUses: "3", expiresInDays: " 14 " });
    expect(result).toMatchObject({ ok: true });
    const invite = await db.invite.findUniqueOrThrow({ where: { id: result.ok ? result.data.id : "" } });
    expect(invite).toMatchObject({ maxUses: 3, role: "l1" });
    await db.invite.delete({ where: { id: invite.id } });
  });
});

describe("control characters (NUL, escapes, broken surrogates)", () => {
  // PostgreSQL refuses NUL in text and jsonb, so these used to fail inside a query as
  // "Something went wrong on our side". Now the shared text schema refuses them on the field.
  const CONTROL = "Remove the control characters (such as NUL) from this text.";
  let flowId: string;
  let sessionId: string;
  let stepId: string;

  beforeAll(async () => {
    await actAs(tenant.owner);
    const procedure = await publishProcedure(tenant.owner);
    flowId = procedure.flowId;
    stepId = procedure.structure.steps.find((s) => s.type === "procedure_step")!.id;
    await actAs(tenant.owner);
    sessionId = ok(await startSession({ flowId })).id;
  });

  const withStepTitle = (title: string) => {
    const structure = sampleProcedure();
    structure.steps[1] = { ...structure.steps[1], title };
    return structure;
  };

  it.each([
    ["createTeam", "name", () => createTeam({ name: "Night\u0000shift" })],
    ["renameTeam", "name", () => renameTeam({ teamId, name: "Night\u0000shift" })],
    ["renameAccount", "name", () => renameAccount({ name: "Acme\u0000" })],
    ["signUp", "name", () => signUp({ name: "Nul\u0000Person", email: "nul.person@example.com", password: "0123456789", companyName: "Nul Co" })],
    ["signUp", "companyName", () => signUp({ name: "Ada", email: "ada.nul@example.com", password: "0123456789", companyName: "Esc\u001b[31m Co" })],
    ["createFlow", "name", () => createFlow({ name: "Printer\u0000", type: "troubleshooting" })],
    ["createFlow", "description", () => createFlow({ name: "Printer", description: "bell\u0007", type: "troubleshooting" })],
    ["createFlow", "tags.0", () => createFlow({ name: "Printer", type: "troubleshooting", tags: ["a\u0000"] })],
    ["saveFlow", "node:tmp-step-0", () => saveFlow({ flowId, name: "Patch servers", variables: [], structure: withStepTitle("Restart\u0000") })],
    ["saveFlow", "node:tmp-step-0", () => saveFlow({ flowId, name: "Patch servers", variables: [], structure: withStepTitle("half a pair \ud800") })],
    ["forkFlow", "reason", () => forkFlow({ flowId, name: "Copy", reason: "why\u0000" })],
    ["createLibraryStep", "title", () => createLibraryStep({ title: "Spooler\u0000" })],
    ["createLibraryStep", "commands.0.command", () => createLibraryStep({ title: "Spooler", commands: [{ command: "net stop\u0000", commandType: "cmd" }] })],
    ["setNodeNote", "note", () => setNodeNote({ sessionId, nodeId: stepId, note: "note\u0000" })],
    ["setStepState", "note", () => setStepState({ sessionId, stepId, status: "done", note: "\u0000" })],
    ["addCustomStep", "title", () => addCustomStep({ sessionId, afterId: null, title: "Extra\u0000", instructions: "" })],
    ["updateSessionVariables", "values.server_name", () => updateSessionVariables({ sessionId, values: { server_name: "srv\u0000" } })],
    ["completeSession", "notes", () => completeSession({ sessionId, outcome: "completed", notes: "done\u0000" })],
  ] as const)("%s refuses it on %s, writing nothing", async (_action, field, run) => {
    await actAs(tenant.owner);
    const before = await databaseFingerprint();
    const result = await (run as () => Promise<ActionResult<unknown>>)();
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    if (!result.ok) expect(result.fieldErrors?.[field]).toContain(CONTROL);
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("refuses an imported file whose text holds an escaped NUL, naming the path", async () => {
    await actAs(tenant.owner);
    const file = JSON.stringify({ format: "resolutionflow.flow", formatVersion: 1, flow: { name: "Nul\u0000flow", type: "procedural", structure: { steps: [] } } });
    expect(file).toContain("\\u0000"); // the JSON escape, not a raw NUL
    const before = await databaseFingerprint();
    const result = await importFlow({ json: file });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { "flow.name": [CONTROL] } });
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("keeps tabs and newlines", async () => {
    await actAs(tenant.owner);
    const result = await createTeam({ name: "Night\tshift" });
    expect(result).toMatchObject({ ok: true });
  });
});

describe("flow import size", () => {
  it("refuses a file over 2 MB with a message that names the limit", async () => {
    await actAs(tenant.owner);
    const padding = "é".repeat(1_000_001); // 2,000,002 bytes of UTF-8 in 1,000,001 characters
    const result = await importFlow({ json: JSON.stringify({ padding }) });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { json: ["The file is too large: import takes at most 2 MB."] } });
  });

  it("refuses a structure nested too deeply instead of overflowing the stack", async () => {
    await actAs(tenant.owner);
    const file = `{"format":"resolutionflow.flow","formatVersion":1,"flow":{"name":"Deep","type":"procedural","structure":${"[".repeat(50_000)}${"]".repeat(50_000)}}}`;
    const result = await importFlow({ json: file });
    expect(result).toMatchObject({ ok: false, code: "invalid", fieldErrors: { "flow.structure": ["The flow structure is nested too deeply (at most 32 levels)."] } });
  });
});
