// The tenant/role matrix: every server action (every export of a "use server" module), called by
// every kind of person, against rows of account A, with the answer each must get. A denied call
// changes nothing in either account; another account's call never changes account A.
// A new server action without a row here fails the first test: decide who may call it, then add it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { createInvite, revokeInvite } from "@/lib/account/invites.actions";
import { changeMemberRole, removeMember, renameAccount, setMemberTeam } from "@/lib/account/members.actions";
import { createTeam, renameTeam } from "@/lib/account/teams.actions";
import { createApiKey, revokeApiKey } from "@/lib/api/api-keys.actions";
import { newApiKeySecret } from "@/lib/api/keys";
import type { ActionResult } from "@/lib/action";
import { changePassword, signOutEverywhere } from "@/lib/auth/account-security.actions";
import { resendVerification } from "@/lib/auth/auth.actions";
import { newInviteCode, sha256 } from "@/lib/auth/tokens";
import { db } from "@/lib/db/client";
import {
  createFlow, deleteFlow, forkFlow, importFlow, publishFlow, restoreFlowVersion, saveFlow, setFlowActive, unpublishFlow,
} from "@/lib/flows/flows.actions";
import { exportFlow } from "@/lib/flows/portable";
import { addEscalationNote, claimEscalation, escalateSession, resolveEscalation } from "@/lib/escalations/escalations.actions";
import { createCategory, deleteCategory, updateCategory } from "@/lib/l1/categories.actions";
import { previewFlowMatches, startL1Session } from "@/lib/l1/intake.actions";
import { markNotificationsRead } from "@/lib/notifications/notifications.actions";
import { launchBatch, rerunBatch } from "@/lib/maintenance/batches.actions";
import { analyseSession } from "@/lib/proposals/analyse";
import { approveProposal, dismissProposal, modifyProposal, rejectProposal, reopenProposal } from "@/lib/proposals/proposals.actions";
import { createSchedule, deleteSchedule, setScheduleActive, updateSchedule } from "@/lib/maintenance/schedules.actions";
import type { TargetInput } from "@/lib/maintenance/targets";
import { createTargetList, deleteTargetList, updateTargetList } from "@/lib/maintenance/targets.actions";
import { createLibraryStep, deleteLibraryStep, recordLibraryStepUse, saveToMyLibrary, updateLibraryStep } from "@/lib/library/library.actions";
import {
  addCustomStep, answerNode, completeSession, goBack, prepareSession, selectStep, setNodeNote, setStepState,
  startPreparedSession, startSession, submitStepFeedback, updateSessionNotes, updateSessionVariables,
} from "@/lib/sessions/sessions.actions";
import {
  createWebhookEndpoint, deleteWebhookEndpoint, redeliverWebhook, revealWebhookSecret, rotateWebhookSecret, sendTestWebhook, updateWebhookEndpoint,
} from "@/lib/webhooks/webhooks.actions";
import {
  addManualWalkStep, answerWalkNode, completeWalkNode, editWalkNode, rejectWalkNode, requestNextSuggestion, setWalkNodeNote, startAssistant,
} from "@/lib/assistant/assistant.actions";
import { startAssistantSession } from "@/lib/assistant/walk";
import { question, scriptedProvider, step } from "@/tests/helpers/assistant";
import { createUser, TEST_PASSWORD } from "@/tests/helpers/factories";
import { outlookWalk, seedAssistantSession } from "@/tests/helpers/proposal-fixtures";
import { sampleProcedure, sampleTree } from "@/tests/helpers/flow-fixtures";
import {
  as, INTAKE, ok, printerTree, publishAs, publishProcedure, publishTree, stepIdsOf, teamTenant, type Actor, type TeamTenant,
} from "@/tests/helpers/published-flows";

const ROOT = path.resolve(import.meta.dirname, "../..");

// ---------- who asks ----------

/**
 * owner, admin: of account A, in no team. author: the engineer of A whose flow / session /
 * library step is the target, in A's team; teammate (engineer) and l1 share that team. loner: an
 * engineer of A outside the team. outsider: the admin of account B. signedOut: no session.
 */
const ACTORS = ["owner", "admin", "author", "teammate", "l1", "loner", "outsider", "signedOut"] as const;
type ActorName = (typeof ACTORS)[number];
type Outcome = "ok" | "forbidden" | "not_found" | "unauthenticated";
type Cells = Record<ActorName, Outcome>;

function actor(t: TeamTenant, name: ActorName): Actor | null {
  switch (name) {
    case "author": return t.engineer;
    case "outsider": return t.other.admin;
    case "signedOut": return null;
    default: return t[name];
  }
}

const O = "ok", F = "forbidden", N = "not_found", U = "unauthenticated";
/** Shorthand: the answers for owner, admin, author, teammate, l1, loner, outsider (signed out: always unauthenticated). */
function cells(owner: Outcome, admin: Outcome, author: Outcome, teammate: Outcome, l1: Outcome, loner: Outcome, outsider: Outcome): Cells {
  return { owner, admin, author, teammate, l1, loner, outsider, signedOut: U };
}

// ---------- the rows each action is aimed at ----------

type World = { t: TeamTenant; tree: Awaited<ReturnType<typeof publishTree>>; procedure: Awaited<ReturnType<typeof publishProcedure>> };
type Call = () => Promise<ActionResult<unknown>>;
type Entry = { arrange: (w: World) => Promise<Call>; expect: Cells } | { public: string };

let n = 0;
const unique = (what: string) => `${what} ${++n}-${Date.now().toString(36)}`;
const startedBy = async (user: Actor, flowId: string) => ok(await as(user, () => startSession({ flowId }))).id;
/** A fresh engineer of A: the target of member actions (so each cell changes its own row). */
const member = (w: World) => createUser({ accountId: w.t.account.id, role: "engineer" });
const invite = (w: World) =>
  db.invite.create({ data: { accountId: w.t.account.id, codeHash: sha256(newInviteCode()), codeHint: "WXYZ", expiresAt: new Date(Date.now() + 86_400_000), createdById: w.t.owner.id } });
/** A draft of A's author, shared with the account (so the loner sees it but may not edit it). */
/** A key of A made by its owner (revoke's target). */
const keyFields = () => { const { prefix, hash } = newApiKeySecret(); return { name: unique("Key"), scopes: ["read"], prefix, hash }; };
const draftFlow = async (w: World) => ok(await as(w.t.engineer, () => createFlow({ name: unique("Draft"), type: "troubleshooting", visibility: "account" }))).id;
const publishedFlow = async (w: World) => (await publishTree(w.t.engineer, { name: unique("Published") })).flowId;
const manualStep = async (w: World) =>
  ok(await as(w.t.engineer, () => createLibraryStep({ title: unique("Check the DNS"), instructions: "nslookup", visibility: "account" }))).id;

/** A maintenance flow of A's author, shared with the account; one per world (publishing is slow). */
/** An assistant session of A's author whose open node is a question (or a step), from a scripted provider. */
const assistantWalk = async (w: World, kind: "question" | "step" = "question") => {
  const provider = scriptedProvider(() => (kind === "question" ? question("Is the printer on?", ["Yes", "No"]) : step("Restart the spooler", "Restart-Service Spooler")));
  const { sessionId } = await startAssistantSession(w.t.engineer, { problem: "Printer not printing" }, { provider });
  const node = await db.walkNode.findFirstOrThrow({ where: { sessionId, seq: 0 }, select: { id: true, answers: true } });
  return { sessionId, nodeId: node.id, answerId: (node.answers as { id: string }[])[0]?.id ?? "" };
};
const maintenanceFlows = new WeakMap<World, Promise<string>>();
const maintenanceFlow = (w: World) => {
  if (!maintenanceFlows.has(w)) maintenanceFlows.set(w, publishAs(w.t.engineer, "maintenance", sampleProcedure(3), { name: unique("Patching") }).then((f) => f.flowId));
  return maintenanceFlows.get(w)!;
};
const TARGETS: TargetInput[] = [{ label: "SRV-01", notes: "", values: { ip: "10.0.0.1" } }, { label: "SRV-02", notes: "", values: {} }];
/** A target list of A's author: "team" (the default) is seen by the team, its creator and admins. */
const targetList = async (w: World, visibility: "team" | "account" = "team") =>
  ok(await as(w.t.engineer, () => createTargetList({ name: unique("Servers"), description: "", visibility, targets: TARGETS }))).id;
/** A batch the author launched over a team list: it belongs to the team, its sessions not started yet. */
const batch = async (w: World) => {
  const [flowId, listId] = await Promise.all([maintenanceFlow(w), targetList(w)]);
  return ok(await as(w.t.engineer, () => launchBatch({ flowId, source: { kind: "list", listId } }))).id;
};
/** A schedule the author created (it belongs to the team) over an account-wide list, and that list. */
const schedule = async (w: World) => {
  const [flowId, targetListId] = await Promise.all([maintenanceFlow(w), targetList(w, "account")]);
  const { id } = ok(await as(w.t.engineer, () => createSchedule({ flowId, cron: "0 3 * * 1", timezone: "UTC", targetListId, active: true })));
  return { scheduleId: id, targetListId };
};

/**
 * A webhook endpoint of A. Its URL is a private address, which the test server refuses to send
 * to (WEBHOOKS_ALLOW_PRIVATE is unset): a test send or redelivery is answered at once, offline.
 */
const endpoint = (w: World) =>
  db.webhookEndpoint.create({ data: { accountId: w.t.account.id, url: "http://127.0.0.1:9/hooks", events: ["session.completed"], secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHQ=" } });
/** A failed delivery of an event to A's endpoint. */
const delivery = async (w: World) => {
  const e = await endpoint(w);
  const event = await db.webhookEvent.create({ data: { accountId: w.t.account.id, type: "session.completed", payload: {} } });
  return db.webhookDelivery.create({ data: { endpointId: e.id, eventId: event.id, status: "failed", attempts: 8 } });
};
const WEBHOOK_FIELDS = { url: "https://93.184.216.34/hooks", description: "PSA", events: ["session.completed" as const], active: true };
/** A problem category of A (admin-made), fresh per call. */
const problemCategory = async (w: World) => ok(await as(w.t.admin, () => createCategory({ name: unique("Printers"), recipientIds: [] }))).id;
/** An open escalation of the author's running session. */
const escalation = async (w: World) => {
  const sessionId = await startedBy(w.t.engineer, w.tree.flowId);
  return ok(await as(w.t.engineer, () => escalateSession({ sessionId, reason: "stuck" }))).escalationId;
};

/** Who may change a running session: its runner (author), admins; the team sees it; others do not. */
const SESSION_CHANGE = cells(O, O, O, F, F, N, N);
const ADMIN_ONLY_ON_A = cells(O, O, F, F, F, F, N);
const ADMIN_ONLY_OWN_ACCOUNT = cells(O, O, F, F, F, F, O);
const FLOW_EDIT = cells(O, O, O, O, F, F, N);
const ENGINEERS_OWN_ACCOUNT = cells(O, O, O, O, F, O, O);
const LIBRARY_CHANGE = cells(O, O, O, F, F, F, N);
/** Every signed-in person, on their own user (the outsider on theirs, in account B). */
const OWN_USER = cells(O, O, O, O, O, O, O);
/** Engineers and up manage maintenance; a team's list, batch or schedule is its team's (and admins'). */
const MAINTENANCE_TEAM_ROW = cells(O, O, O, O, F, N, N);
/** Engineers and up, on rows of A shared with the whole account: another account's admin does not see them. */
const ENGINEERS_OWN_ACCOUNT_ROWS = cells(O, O, O, O, F, O, N);

/** Proposals: admins and owners of the account review them; for everyone else they do not exist. */
const PROPOSAL_REVIEW = cells(O, O, N, N, N, N, N);
/** A pending new-flow proposal of account A, from a resolved walk of its engineer (unique per call). */
async function pendingProposal(w: World, status: "pending" | "dismissed" = "pending") {
  // A question of its own: the walk matches no flow an earlier cell published, so it is a new flow.
  const question = { kind: "question" as const, title: unique("Does Outlook start?"), answers: ["Yes", "No"], chosen: "Yes" };
  const sessionId = await seedAssistantSession(w.t.engineer, { problem: unique("Outlook hangs"), nodes: [question, ...outlookWalk.slice(1)] });
  const result = await analyseSession(db, sessionId);
  if (result.kind !== "analysed" || !result.proposalIds[0]) throw new Error("no proposal");
  if (status === "dismissed") await db.flowProposal.update({ where: { id: result.proposalIds[0] }, data: { status } });
  return result.proposalIds[0];
}

const MATRIX: Record<string, Entry> = {
  // proposals
  "proposals/proposals.actions#approveProposal": { expect: PROPOSAL_REVIEW, arrange: async (w) => { const proposalId = await pendingProposal(w); return () => approveProposal({ proposalId }); } },
  "proposals/proposals.actions#modifyProposal": { expect: PROPOSAL_REVIEW, arrange: async (w) => { const proposalId = await pendingProposal(w); return () => modifyProposal({ proposalId }); } },
  "proposals/proposals.actions#rejectProposal": { expect: PROPOSAL_REVIEW, arrange: async (w) => { const proposalId = await pendingProposal(w); return () => rejectProposal({ proposalId, reason: "Not needed" }); } },
  "proposals/proposals.actions#dismissProposal": { expect: PROPOSAL_REVIEW, arrange: async (w) => { const proposalId = await pendingProposal(w); return () => dismissProposal({ proposalId }); } },
  "proposals/proposals.actions#reopenProposal": { expect: PROPOSAL_REVIEW, arrange: async (w) => { const proposalId = await pendingProposal(w, "dismissed"); return () => reopenProposal({ proposalId }); } },

  // account administration
  "account/members.actions#changeMemberRole": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => { const m = await member(w); return () => changeMemberRole({ userId: m.id, role: "l1" }); } },
  "account/members.actions#removeMember": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => { const m = await member(w); return () => removeMember({ userId: m.id }); } },
  "account/members.actions#setMemberTeam": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => { const m = await member(w); return () => setMemberTeam({ userId: m.id, teamId: w.t.team.id }); } },
  "account/members.actions#renameAccount": { expect: cells(O, F, F, F, F, F, F), arrange: async () => () => renameAccount({ name: unique("Renamed") }) },
  "account/invites.actions#createInvite": { expect: ADMIN_ONLY_OWN_ACCOUNT, arrange: async () => () => createInvite({ role: "engineer", teamId: null, maxUses: 1, expiresInDays: 1 }) },
  "account/invites.actions#revokeInvite": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => { const i = await invite(w); return () => revokeInvite({ inviteId: i.id }); } },
  "account/teams.actions#createTeam": { expect: ADMIN_ONLY_OWN_ACCOUNT, arrange: async () => () => createTeam({ name: unique("Team") }) },
  "api/api-keys.actions#createApiKey": { expect: ADMIN_ONLY_OWN_ACCOUNT, arrange: async () => () => createApiKey({ name: unique("Key"), scopes: ["read"] }) },
  "api/api-keys.actions#revokeApiKey": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => { const k = await db.apiKey.create({ data: { ...keyFields(), accountId: w.t.account.id, createdById: w.t.owner.id } }); return () => revokeApiKey({ apiKeyId: k.id }); } },
  "account/teams.actions#renameTeam": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => () => renameTeam({ teamId: w.t.team.id, name: unique("Team") }) },

  // webhooks: owners and admins of the account (lib/webhooks/access.ts)
  "webhooks/webhooks.actions#createWebhookEndpoint": { expect: ADMIN_ONLY_OWN_ACCOUNT, arrange: async () => () => createWebhookEndpoint(WEBHOOK_FIELDS) },
  "webhooks/webhooks.actions#updateWebhookEndpoint": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => { const e = await endpoint(w); return () => updateWebhookEndpoint({ endpointId: e.id, ...WEBHOOK_FIELDS }); } },
  "webhooks/webhooks.actions#deleteWebhookEndpoint": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => { const e = await endpoint(w); return () => deleteWebhookEndpoint({ endpointId: e.id }); } },
  "webhooks/webhooks.actions#revealWebhookSecret": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => { const e = await endpoint(w); return () => revealWebhookSecret({ endpointId: e.id }); } },
  "webhooks/webhooks.actions#rotateWebhookSecret": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => { const e = await endpoint(w); return () => rotateWebhookSecret({ endpointId: e.id }); } },
  "webhooks/webhooks.actions#sendTestWebhook": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => { const e = await endpoint(w); return () => sendTestWebhook({ endpointId: e.id }); } },
  "webhooks/webhooks.actions#redeliverWebhook": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => { const d = await delivery(w); return () => redeliverWebhook({ deliveryId: d.id }); } },

  // sign-up and sign-in: reached before anyone is signed in
  "auth/auth.actions#signUp": { public: "creates the account and its first owner" },
  "auth/auth.actions#requestPasswordReset": { public: "the forgot-password form" },
  "auth/auth.actions#resetPassword": { public: "the emailed reset link" },
  "auth/auth.actions#verifyEmail": { public: "the emailed verification link" },
  // Settings → Security: the caller's own user. Each cell acts in a fresh session (see as()), so
  // signing out everywhere does not break the cells after it.
  "auth/account-security.actions#changePassword": {
    expect: OWN_USER,
    arrange: async () => () => changePassword({ currentPassword: TEST_PASSWORD, password: "a-new-long-password", confirm: "a-new-long-password" }),
  },
  "auth/account-security.actions#signOutEverywhere": { expect: OWN_USER, arrange: async () => () => signOutEverywhere({}) },
  "auth/auth.actions#resendVerification": { expect: cells(O, O, O, O, O, O, O), arrange: async () => () => resendVerification({}) },

  // flows
  "flows/flows.actions#createFlow": { expect: ENGINEERS_OWN_ACCOUNT, arrange: async () => () => createFlow({ name: unique("New"), type: "procedural", visibility: "team" }) },
  "flows/flows.actions#importFlow": {
    expect: ENGINEERS_OWN_ACCOUNT,
    arrange: async () => {
      const json = exportFlow({ name: unique("Imported"), description: "", type: "troubleshooting", category: null, tags: [], visibility: "team", variables: [], structure: sampleTree() });
      return () => importFlow({ json });
    },
  },
  "flows/flows.actions#saveFlow": {
    expect: FLOW_EDIT,
    arrange: async (w) => { const flowId = await draftFlow(w); return () => saveFlow({ flowId, name: "Saved", visibility: "account", tags: [], variables: INTAKE, structure: sampleTree() }); },
  },
  "flows/flows.actions#publishFlow": {
    expect: FLOW_EDIT,
    arrange: async (w) => { const flowId = await draftFlow(w); return () => publishFlow({ flowId, name: "Published", visibility: "account", tags: [], variables: INTAKE, structure: sampleTree() }); },
  },
  "flows/flows.actions#unpublishFlow": { expect: FLOW_EDIT, arrange: async (w) => { const flowId = await publishedFlow(w); return () => unpublishFlow({ flowId }); } },
  "flows/flows.actions#setFlowActive": { expect: FLOW_EDIT, arrange: async (w) => { const flowId = await publishedFlow(w); return () => setFlowActive({ flowId, active: false }); } },
  "flows/flows.actions#deleteFlow": { expect: FLOW_EDIT, arrange: async (w) => { const flowId = await draftFlow(w); return () => deleteFlow({ flowId }); } },
  "flows/flows.actions#restoreFlowVersion": {
    expect: FLOW_EDIT,
    arrange: async (w) => {
      const flowId = await publishedFlow(w);
      await db.flow.update({ where: { id: flowId }, data: { name: "Renamed since" } });
      return () => restoreFlowVersion({ flowId, version: 1 });
    },
  },
  "flows/flows.actions#forkFlow": { expect: cells(O, O, O, O, F, O, N), arrange: async (w) => () => forkFlow({ flowId: w.tree.flowId, name: unique("Fork") }) },

  // step library
  "library/library.actions#createLibraryStep": { expect: ENGINEERS_OWN_ACCOUNT, arrange: async () => () => createLibraryStep({ title: unique("Flush DNS"), instructions: "ipconfig /flushdns" }) },
  "library/library.actions#updateLibraryStep": { expect: LIBRARY_CHANGE, arrange: async (w) => { const stepId = await manualStep(w); return () => updateLibraryStep({ stepId, title: "Changed", visibility: "account" }); } },
  "library/library.actions#deleteLibraryStep": { expect: LIBRARY_CHANGE, arrange: async (w) => { const stepId = await manualStep(w); return () => deleteLibraryStep({ stepId }); } },
  "library/library.actions#saveToMyLibrary": { expect: cells(O, O, O, O, F, O, N), arrange: async (w) => { const stepId = await manualStep(w); return () => saveToMyLibrary({ stepId, visibility: "private" }); } },
  "library/library.actions#recordLibraryStepUse": { expect: cells(O, O, O, O, F, O, N), arrange: async (w) => { const stepId = await manualStep(w); return () => recordLibraryStepUse({ stepId }); } },

  // maintenance: target lists, batches, schedules (rules in lib/maintenance/access.ts)
  "maintenance/targets.actions#createTargetList": {
    expect: ENGINEERS_OWN_ACCOUNT,
    arrange: async () => () => createTargetList({ name: unique("Servers"), description: "", visibility: "team", targets: TARGETS }),
  },
  "maintenance/targets.actions#updateTargetList": {
    expect: MAINTENANCE_TEAM_ROW,
    arrange: async (w) => { const listId = await targetList(w); return () => updateTargetList({ listId, name: unique("Renamed"), description: "", visibility: "team", targets: TARGETS.slice(0, 1) }); },
  },
  "maintenance/targets.actions#deleteTargetList": { expect: MAINTENANCE_TEAM_ROW, arrange: async (w) => { const listId = await targetList(w); return () => deleteTargetList({ listId }); } },
  "maintenance/batches.actions#launchBatch": {
    // The flow is shared with the account, the list with the team: the loner sees the one, not the other.
    expect: MAINTENANCE_TEAM_ROW,
    arrange: async (w) => { const [flowId, listId] = await Promise.all([maintenanceFlow(w), targetList(w)]); return () => launchBatch({ flowId, source: { kind: "list", listId } }); },
  },
  "maintenance/batches.actions#rerunBatch": { expect: MAINTENANCE_TEAM_ROW, arrange: async (w) => { const batchId = await batch(w); return () => rerunBatch({ batchId }); } },
  "maintenance/schedules.actions#createSchedule": {
    // Over an account-wide list: the loner sees both the flow and the list.
    expect: ENGINEERS_OWN_ACCOUNT_ROWS,
    arrange: async (w) => {
      const [flowId, targetListId] = await Promise.all([maintenanceFlow(w), targetList(w, "account")]);
      return () => createSchedule({ flowId, cron: "0 3 * * 1", timezone: "UTC", targetListId, active: true });
    },
  },
  "maintenance/schedules.actions#updateSchedule": {
    expect: cells(O, O, O, O, F, N, N),
    arrange: async (w) => {
      const { scheduleId, targetListId } = await schedule(w);
      return () => updateSchedule({ scheduleId, cron: "30 4 * * *", timezone: "Europe/Berlin", targetListId, active: true });
    },
  },
  "maintenance/schedules.actions#setScheduleActive": { expect: MAINTENANCE_TEAM_ROW, arrange: async (w) => { const { scheduleId } = await schedule(w); return () => setScheduleActive({ scheduleId, active: false }); } },
  "maintenance/schedules.actions#deleteSchedule": { expect: MAINTENANCE_TEAM_ROW, arrange: async (w) => { const { scheduleId } = await schedule(w); return () => deleteSchedule({ scheduleId }); } },

  // L1 workspace: categories (admins), intake (everyone of the account), escalations (engineers and up)
  "l1/categories.actions#createCategory": { expect: ADMIN_ONLY_OWN_ACCOUNT, arrange: async () => () => createCategory({ name: unique("Email"), recipientIds: [] }) },
  "l1/categories.actions#updateCategory": {
    expect: ADMIN_ONLY_ON_A,
    arrange: async (w) => { const categoryId = await problemCategory(w); return () => updateCategory({ categoryId, name: unique("Renamed"), description: "", recipientIds: [w.t.engineer.id] }); },
  },
  "l1/categories.actions#deleteCategory": { expect: ADMIN_ONLY_ON_A, arrange: async (w) => { const categoryId = await problemCategory(w); return () => deleteCategory({ categoryId }); } },
  "l1/intake.actions#previewFlowMatches": { expect: cells(O, O, O, O, O, O, N), arrange: async (w) => { const categoryId = await problemCategory(w); return () => previewFlowMatches({ categoryId, problem: "printer offline" }); } },
  "l1/intake.actions#startL1Session": {
    expect: cells(O, O, O, O, O, O, N),
    arrange: async (w) => { const categoryId = await problemCategory(w); return () => startL1Session({ categoryId, problem: "printer offline", choice: { kind: "flow", flowId: w.tree.flowId } }); },
  },
  "escalations/escalations.actions#escalateSession": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const sessionId = await startedBy(w.t.engineer, w.tree.flowId); return () => escalateSession({ sessionId, reason: "" }); },
  },
  "escalations/escalations.actions#claimEscalation": { expect: ENGINEERS_OWN_ACCOUNT_ROWS, arrange: async (w) => { const escalationId = await escalation(w); return () => claimEscalation({ escalationId }); } },
  "escalations/escalations.actions#addEscalationNote": { expect: ENGINEERS_OWN_ACCOUNT_ROWS, arrange: async (w) => { const escalationId = await escalation(w); return () => addEscalationNote({ escalationId, text: "checked the driver" }); } },
  "escalations/escalations.actions#resolveEscalation": {
    // Claimed by the author: they or an admin resolve it; other engineers may not.
    expect: cells(O, O, O, F, F, F, N),
    arrange: async (w) => {
      const escalationId = await escalation(w);
      ok(await as(w.t.engineer, () => claimEscalation({ escalationId })));
      return () => resolveEscalation({ escalationId, resolution: "Rolled back the driver" });
    },
  },
  "notifications/notifications.actions#markNotificationsRead": { expect: OWN_USER, arrange: async () => () => markNotificationsRead({}) },

  // sessions
  "sessions/sessions.actions#startSession": { expect: cells(O, O, O, O, O, O, N), arrange: async (w) => () => startSession({ flowId: w.tree.flowId }) },
  "sessions/sessions.actions#prepareSession": { expect: cells(O, O, O, O, O, O, N), arrange: async (w) => () => prepareSession({ flowId: w.procedure.flowId, variables: {} }) },
  "sessions/sessions.actions#startPreparedSession": {
    // Assigned to the author: the team sees it, only the assignee or an admin starts it.
    expect: SESSION_CHANGE,
    arrange: async (w) => {
      const { id: sessionId } = ok(await as(w.t.admin, () => prepareSession({ flowId: w.procedure.flowId, variables: {}, assigneeId: w.t.engineer.id })));
      return () => startPreparedSession({ sessionId });
    },
  },
  "sessions/sessions.actions#answerNode": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const sessionId = await startedBy(w.t.engineer, w.tree.flowId); const p = printerTree(w.tree.structure); return () => answerNode({ sessionId, nodeId: p.root, answerId: p.yes }); },
  },
  "sessions/sessions.actions#goBack": {
    expect: SESSION_CHANGE,
    arrange: async (w) => {
      const sessionId = await startedBy(w.t.engineer, w.tree.flowId);
      const p = printerTree(w.tree.structure);
      ok(await as(w.t.engineer, () => answerNode({ sessionId, nodeId: p.root, answerId: p.yes })));
      return () => goBack({ sessionId, nodeId: p.restart });
    },
  },
  "sessions/sessions.actions#setNodeNote": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const sessionId = await startedBy(w.t.engineer, w.tree.flowId); return () => setNodeNote({ sessionId, nodeId: w.tree.structure.rootId, note: "checked" }); },
  },
  "sessions/sessions.actions#setStepState": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const sessionId = await startedBy(w.t.engineer, w.procedure.flowId); return () => setStepState({ sessionId, stepId: stepIdsOf(w.procedure.structure)[0], status: "done" }); },
  },
  "sessions/sessions.actions#selectStep": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const sessionId = await startedBy(w.t.engineer, w.procedure.flowId); return () => selectStep({ sessionId, stepId: stepIdsOf(w.procedure.structure)[1] }); },
  },
  "sessions/sessions.actions#addCustomStep": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const sessionId = await startedBy(w.t.engineer, w.procedure.flowId); return () => addCustomStep({ sessionId, afterId: null, title: "Extra" }); },
  },
  "sessions/sessions.actions#updateSessionVariables": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const sessionId = await startedBy(w.t.engineer, w.procedure.flowId); return () => updateSessionVariables({ sessionId, values: { ip: "10.1.1.1" } }); },
  },
  "sessions/sessions.actions#completeSession": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const sessionId = await startedBy(w.t.engineer, w.procedure.flowId); return () => completeSession({ sessionId, outcome: "completed" }); },
  },
  "sessions/sessions.actions#updateSessionNotes": {
    expect: SESSION_CHANGE,
    arrange: async (w) => {
      const sessionId = await startedBy(w.t.engineer, w.tree.flowId);
      ok(await as(w.t.engineer, () => completeSession({ sessionId, outcome: "resolved", notes: "first" })));
      return () => updateSessionNotes({ sessionId, notes: "rewritten", nextSteps: "" });
    },
  },
  "assistant/assistant.actions#startAssistant": { expect: ENGINEERS_OWN_ACCOUNT, arrange: async () => () => startAssistant({ problem: "Printer not printing" }) },
  "assistant/assistant.actions#requestNextSuggestion": {
    expect: SESSION_CHANGE,
    arrange: async (w) => {
      const { sessionId, nodeId } = await assistantWalk(w, "step");
      await db.walkNode.update({ where: { id: nodeId }, data: { status: "accepted", result: "done" } });
      return () => requestNextSuggestion({ sessionId });
    },
  },
  "assistant/assistant.actions#answerWalkNode": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const a = await assistantWalk(w); return () => answerWalkNode({ sessionId: a.sessionId, nodeId: a.nodeId, answerId: a.answerId }); },
  },
  "assistant/assistant.actions#completeWalkNode": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const a = await assistantWalk(w, "step"); return () => completeWalkNode({ sessionId: a.sessionId, nodeId: a.nodeId, result: "done" }); },
  },
  "assistant/assistant.actions#editWalkNode": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const a = await assistantWalk(w, "step"); return () => editWalkNode({ sessionId: a.sessionId, nodeId: a.nodeId, title: "Restart it twice" }); },
  },
  "assistant/assistant.actions#rejectWalkNode": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const a = await assistantWalk(w); return () => rejectWalkNode({ sessionId: a.sessionId, nodeId: a.nodeId }); },
  },
  "assistant/assistant.actions#addManualWalkStep": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const a = await assistantWalk(w); return () => addManualWalkStep({ sessionId: a.sessionId, title: "Power-cycled the printer" }); },
  },
  "assistant/assistant.actions#setWalkNodeNote": {
    expect: SESSION_CHANGE,
    arrange: async (w) => { const a = await assistantWalk(w); return () => setWalkNodeNote({ sessionId: a.sessionId, nodeId: a.nodeId, note: "checked" }); },
  },
  "sessions/sessions.actions#submitStepFeedback": {
    // A vote is one's own, not a change to the run: everyone who sees the session may rate.
    expect: cells(O, O, O, O, O, N, N),
    arrange: async (w) => { const sessionId = await startedBy(w.t.engineer, w.procedure.flowId); return () => submitStepFeedback({ sessionId, stepId: stepIdsOf(w.procedure.structure)[0], helpful: true }); },
  },
};

// ---------- the server actions that exist ----------

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

function isUseServerFile(file: string): boolean {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const first = source.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === "use server";
}

/** "domain/file#export" for every function exported by a "use server" module under lib/ or app/. */
async function serverActionKeys(): Promise<string[]> {
  const files = [...sourceFiles(path.join(ROOT, "lib")), ...sourceFiles(path.join(ROOT, "app"))].filter(isUseServerFile);
  const keys: string[] = [];
  for (const file of files) {
    const actions = (await import(file)) as Record<string, unknown>;
    const name = path.relative(ROOT, file).replace(/^lib\//, "").replace(/\.tsx?$/, "");
    for (const [exported, value] of Object.entries(actions)) if (typeof value === "function") keys.push(`${name}#${exported}`);
  }
  return keys.sort();
}

// ---------- what an action may have changed ----------

/** Every row of these accounts, to prove a call changed nothing. */
async function snapshot(accountIds: string[]) {
  const inAccounts = { accountId: { in: accountIds } };
  const order = { id: "asc" } as const;
  return Promise.all([
    db.account.findMany({ where: { id: { in: accountIds } }, orderBy: order }),
    db.user.findMany({ where: inAccounts, orderBy: order }),
    db.team.findMany({ where: inAccounts, orderBy: order }),
    db.invite.findMany({ where: inAccounts, orderBy: order }),
    db.flow.findMany({ where: inAccounts, orderBy: order }),
    db.flowVersion.findMany({ where: { flow: inAccounts }, orderBy: order }),
    db.tag.findMany({ where: inAccounts, orderBy: order }),
    db.session.findMany({ where: inAccounts, orderBy: order }),
    db.stepFeedback.findMany({ where: inAccounts, orderBy: order }),
    db.libraryStep.findMany({ where: inAccounts, orderBy: order }),
    db.targetList.findMany({ where: inAccounts, orderBy: order }),
    db.target.findMany({ where: { list: inAccounts }, orderBy: order }),
    db.batch.findMany({ where: inAccounts, orderBy: order }),
    db.schedule.findMany({ where: inAccounts, orderBy: order }),
    db.apiKey.findMany({ where: inAccounts, orderBy: order }),
    db.webhookEndpoint.findMany({ where: inAccounts, orderBy: order }),
    db.webhookEvent.findMany({ where: inAccounts, orderBy: order }),
    db.webhookDelivery.findMany({ where: { endpoint: inAccounts }, orderBy: order }),
    db.webhookAttempt.findMany({ where: { delivery: { endpoint: inAccounts } }, orderBy: order }),
    db.flowProposal.findMany({ where: inAccounts, orderBy: order }),
    db.problemCategory.findMany({ where: inAccounts, orderBy: order }),
    db.categoryRecipient.findMany({ where: { category: inAccounts }, orderBy: [{ categoryId: "asc" }, { userId: "asc" }] }),
    db.escalation.findMany({ where: inAccounts, orderBy: order }),
    db.notification.findMany({ where: inAccounts, orderBy: order }),
  ]);
}

async function world(): Promise<World> {
  const t = await teamTenant();
  return { t, tree: await publishTree(t.engineer), procedure: await publishProcedure(t.engineer) };
}

describe("the tenant/role matrix", () => {
  it("has a row for every server action, and no row for one that is gone", async () => {
    const existing = await serverActionKeys();
    expect(existing.length).toBeGreaterThan(30);
    expect(existing.filter((key) => !(key in MATRIX)), "server actions without a matrix row").toEqual([]);
    expect(Object.keys(MATRIX).filter((key) => !existing.includes(key)), "matrix rows of actions that no longer exist").toEqual([]);
  });

  const publicRows = Object.entries(MATRIX).flatMap(([key, entry]) => ("public" in entry ? [[key, entry.public] as const] : []));
  it.each(publicRows)("%s is public (%s): signed out, it answers its own validation", async (key) => {
    const [file, name] = key.split("#");
    const action = (await import(path.join(ROOT, "lib", `${file}.ts`)))[name] as (input: unknown) => Promise<ActionResult<unknown>>;
    expect(await as(null, () => action({}))).toMatchObject({ ok: false, code: "invalid" });
  });

  const guardedRows = Object.entries(MATRIX).filter((row): row is [string, Extract<Entry, { arrange: unknown }>] => "arrange" in row[1]);
  it.each(guardedRows)("%s", async (key, entry) => {
    const w = await world();
    const accounts = [w.t.account.id, w.t.other.account.id];
    for (const name of ACTORS) {
      const call = await entry.arrange(w);
      const [beforeBoth, beforeA] = await Promise.all([snapshot(accounts), snapshot([w.t.account.id])]);
      const result = await as(actor(w.t, name), call);
      const expected = entry.expect[name];
      if (expected === "ok") expect(result, `${key} as ${name}`).toMatchObject({ ok: true });
      else expect(result, `${key} as ${name}`).toMatchObject({ ok: false, code: expected });
      if (expected !== "ok") expect(await snapshot(accounts), `${key} as ${name} (${expected}) changed rows`).toEqual(beforeBoth);
      if (name === "outsider") expect(await snapshot([w.t.account.id]), `${key} as another account's admin changed account A`).toEqual(beforeA);
    }
    // Eight people each get a fresh target row (a publish, a walk analysed, …): on a loaded
    // machine that outgrows the default 30 s.
  }, 120_000);
});
