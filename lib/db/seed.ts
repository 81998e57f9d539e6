// Demo data, written once: the built-in ResolutionFlow account with its service user
// (owner of the default flows; cannot log in) and a demo MSP with three people.
import { hashPassword } from "@/lib/auth/password";
import { DEFAULT_FLOWS } from "@/lib/flows/defaults";
import { insertFlow, publishCurrent } from "@/lib/flows/flow-writes";
import { assignIds } from "@/lib/flows/ids";
import { parseStructure } from "@/lib/flows/structure";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const DEMO_PASSWORD = "resolutionflow-demo";
export const DEMO_LOGINS = [
  { email: "owner@demo.resolutionflow.test", name: "Olivia Owner", role: "owner" },
  { email: "engineer@demo.resolutionflow.test", name: "Ethan Engineer", role: "engineer" },
  { email: "l1@demo.resolutionflow.test", name: "Lena L1", role: "l1" },
] as const;
/** The L1 workspace's demo categories; Printers escalates to the demo engineer, the rest to the owner. */
export const DEMO_CATEGORIES = [
  { name: "Printers", description: "Printing, scanning, print queues and toner.", toEngineer: true },
  { name: "Email & Outlook", description: "Outlook, mailboxes, calendars and shared mail.", toEngineer: false },
  { name: "Network & VPN", description: "Wi-Fi, VPN, mapped drives and internet access.", toEngineer: false },
  { name: "Accounts & passwords", description: "Lockouts, password resets and new starters.", toEngineer: false },
] as const;

export const SERVICE_ACCOUNT_EMAIL = "service@resolutionflow.internal";

export async function ensureSystemAccount(db: PrismaClient): Promise<{ accountId: string; serviceUserId: string }> {
  const existing = await db.user.findUnique({ where: { email: SERVICE_ACCOUNT_EMAIL }, select: { id: true, accountId: true } });
  if (existing) return { accountId: existing.accountId, serviceUserId: existing.id };
  const account = await db.account.create({
    data: {
      name: "ResolutionFlow",
      plan: "pro",
      isSystem: true,
      users: { create: { email: SERVICE_ACCOUNT_EMAIL, name: "ResolutionFlow", role: "owner", isServiceAccount: true, passwordHash: null } },
    },
    include: { users: true },
  });
  return { accountId: account.id, serviceUserId: account.users[0].id };
}

/**
 * The built-in flows: public, published, owned by the service account. Adds the ones a
 * database does not have yet (matched by name), so new built-ins arrive with an upgrade.
 */
export async function seedDefaultFlows(db: PrismaClient): Promise<number> {
  const { accountId, serviceUserId } = await ensureSystemAccount(db);
  const existing = new Set(
    (await db.flow.findMany({ where: { accountId, isDefault: true }, select: { name: true } })).map((f) => f.name),
  );
  let added = 0;
  for (const flow of DEFAULT_FLOWS) {
    if (existing.has(flow.name)) continue;
    const parsed = parseStructure(flow.type, flow.structure);
    if (!parsed.ok) throw new Error(`Built-in flow "${flow.name}" is invalid: ${parsed.issues[0].message}`);
    await db.$transaction(async (tx) => {
      const { id } = await insertFlow(tx, { id: serviceUserId, accountId, teamId: null }, {
        ...flow,
        visibility: "public",
        structure: assignIds(parsed.structure, new Set()),
      });
      await tx.flow.update({ where: { id }, data: { isDefault: true } });
      await publishCurrent(tx, id, serviceUserId);
    });
    added++;
  }
  return added;
}

/** Seeds once; returns false when the demo account was already there. */
export async function seedDemo(db: PrismaClient): Promise<boolean> {
  await ensureSystemAccount(db);
  await seedDefaultFlows(db);
  if (await db.user.findUnique({ where: { email: DEMO_LOGINS[0].email }, select: { id: true } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const account = await tx.account.create({ data: { name: "Northwind MSP", plan: "pro" } });
    const serviceDesk = await tx.team.create({ data: { accountId: account.id, name: "Service Desk" } });
    await tx.team.create({ data: { accountId: account.id, name: "Projects" } });
    await tx.user.createMany({
      data: DEMO_LOGINS.map((login) => ({
        accountId: account.id,
        teamId: serviceDesk.id,
        email: login.email,
        name: login.name,
        role: login.role,
        passwordHash,
        emailVerifiedAt: new Date(),
      })),
    });
    const engineer = await tx.user.findUniqueOrThrow({ where: { email: DEMO_LOGINS[1].email }, select: { id: true } });
    for (const c of DEMO_CATEGORIES) {
      await tx.problemCategory.create({
        data: { accountId: account.id, name: c.name, description: c.description, recipients: c.toEngineer ? { create: { userId: engineer.id } } : undefined },
      });
    }
  });
  return true;
}
