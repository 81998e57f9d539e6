// The REST API's zod schemas: the routes parse with them and the OpenAPI document
// (/api/v1/openapi.json) is generated from them, so the two cannot drift. Query schemas are
// strict: a bad filter is a 400 with the field named, not silently ignored as on the pages.
import { z } from "zod";
import { FLOW_TYPES } from "@/lib/flows/structure";
import { launchBatchSchema, createTargetListSchema } from "@/lib/maintenance/maintenance.validation";
import { LIBRARY_SORTS } from "@/lib/library/library.validation";
import { OUTCOMES, prepareSessionSchema } from "@/lib/sessions/session.validation";
import { searchText } from "@/lib/validation/text";
import { DEFAULT_LIMIT, MAX_LIMIT } from "./pagination";

// ---------- shared ----------

const cursor = searchText(500).optional().meta({ description: "The nextCursor of the previous page." });
const limit = z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).meta({ description: `Page size, 1 to ${MAX_LIMIT}.` });
const day = z.iso.date({ message: "Use a date like 2026-01-31." });
const uuid = (what: string) => z.uuid(`Unknown ${what}.`);

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(["unauthenticated", "forbidden", "not_found", "conflict", "idempotency_key_reused", "invalid", "rate_limited", "limit_reached", "internal"]),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
}).meta({ id: "Error" });

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });
export const dataOf = <T extends z.ZodType>(item: T) => z.object({ data: item });

const person = z.object({ id: z.string(), name: z.string() }).nullable();

// ---------- flows ----------

export const flowListQuery = z.object({
  q: searchText(200).default("").meta({ description: "Words in the name, description, category or tags." }),
  type: z.enum(FLOW_TYPES).optional(),
  category: searchText(60).optional(),
  tag: searchText(40).toLowerCase().optional(),
  status: z.enum(["all", "draft", "published"]).default("all"),
  owner: z.enum(["account", "mine", "team", "public", "all"]).default("account")
    .meta({ description: "account: this account's flows (default); public: the public library; all: both." }),
  limit,
  cursor,
});

export const flowSummary = z.object({
  id: z.string(), name: z.string(), description: z.string(), type: z.enum(FLOW_TYPES), category: z.string().nullable(),
  status: z.enum(["draft", "published"]), visibility: z.enum(["private", "team", "account", "public"]), isActive: z.boolean(),
  version: z.number().int(), tags: z.array(z.string()), authorName: z.string().nullable(), updatedAt: z.string(),
}).meta({ id: "FlowSummary" });

export const flowDetail = flowSummary.extend({
  published: z.object({
    version: z.number().int(), name: z.string(), description: z.string(), publishedAt: z.string(),
    structure: z.record(z.string(), z.unknown()).meta({ description: "The published tree (troubleshooting) or steps (procedures)." }),
    variables: z.array(z.record(z.string(), z.unknown())),
  }).nullable().meta({ description: "The latest published version; null for a flow never published." }),
}).meta({ id: "Flow" });

// ---------- sessions ----------

export const sessionListQuery = z.object({
  status: z.enum(["active", "prepared", "completed", "all"]).default("all"),
  flowId: uuid("flow").optional(),
  type: z.enum(FLOW_TYPES).optional(),
  outcome: z.enum(OUTCOMES).optional(),
  engineerId: uuid("engineer").optional().meta({ description: "Sessions run by this engineer." }),
  batchId: uuid("batch").optional(),
  from: day.optional().meta({ description: "Last activity on or after this day (UTC)." }),
  to: day.optional().meta({ description: "Last activity on or before this day (UTC)." }),
  limit,
  cursor,
});

export const sessionSummary = z.object({
  id: z.string(), status: z.enum(["prepared", "active", "completed"]), flowId: z.string().nullable(), flowName: z.string(),
  flowType: z.enum(FLOW_TYPES), outcome: z.string().nullable(), owner: person, assignee: person, preparedBy: z.string().nullable(),
  batchId: z.string().nullable(), target: z.string().nullable(),
  createdAt: z.string(), startedAt: z.string().nullable(), completedAt: z.string().nullable(), updatedAt: z.string(),
}).meta({ id: "SessionSummary" });

export const sessionDetail = z.object({
  id: z.string(), status: z.enum(["prepared", "active", "completed"]), flowId: z.string().nullable(), flowName: z.string(),
  flowType: z.enum(FLOW_TYPES), flowVersion: z.number().int(), owner: person, assignee: person, preparedBy: person,
  variables: z.record(z.string(), z.string()), outcome: z.string().nullable(), outcomeNotes: z.string(), nextSteps: z.string(),
  createdAt: z.string(), startedAt: z.string().nullable(), completedAt: z.string().nullable(),
}).meta({ id: "Session" });

export const createSessionBody = prepareSessionSchema.meta({
  id: "CreateSession",
  description: "A prepared session of the flow's latest published version: variables filled ahead, optionally assigned to an engineer of the account.",
});

export const ticketQuery = z.object({ format: z.enum(["plain", "markdown", "html"]).default("plain") });
export const ticketNote = z.object({ format: z.enum(["plain", "markdown", "html"]), content: z.string() }).meta({ id: "TicketNote" });

// ---------- target lists ----------

export const targetListListQuery = z.object({ limit, cursor });
export const targetListBody = createTargetListSchema.meta({ id: "TargetListInput" });
const target = z.object({ label: z.string(), notes: z.string(), values: z.record(z.string(), z.string()) });
export const targetListSummary = z.object({
  id: z.string(), name: z.string(), description: z.string(), visibility: z.enum(["team", "account"]), targetCount: z.number().int(),
  createdAt: z.string(), updatedAt: z.string(),
}).meta({ id: "TargetListSummary" });
export const targetListDetail = z.object({
  id: z.string(), name: z.string(), description: z.string(), visibility: z.enum(["team", "account"]), targets: z.array(target),
}).meta({ id: "TargetList" });
export const deleted = z.object({ id: z.string(), deleted: z.literal(true) });

// ---------- batches ----------

export const launchBatchBody = launchBatchSchema.meta({
  id: "LaunchBatch",
  description: "Runs a published maintenance flow on a target list, on targets given inline, or on the targets of its last batch: one prepared session per target.",
});
const cardState = z.enum(["not_started", "in_progress", "completed", "completed_with_issues", "aborted"]);
export const batchDetail = z.object({
  id: z.string(), flowId: z.string().nullable(), flowName: z.string(), createdAt: z.string(), launchedBy: z.string().nullable(),
  done: z.boolean(), counts: z.record(cardState, z.number().int()), total: z.number().int(), finished: z.number().int(), percent: z.number(),
  results: z.array(z.object({
    sessionId: z.string(), target: z.string(), state: cardState, outcome: z.string().nullable(),
    steps: z.object({ done: z.number().int(), skipped: z.number().int(), failed: z.number().int(), total: z.number().int() }),
    engineer: z.string().nullable(), startedAt: z.string().nullable(), completedAt: z.string().nullable(), notes: z.string(),
  })),
}).meta({ id: "Batch" });

// ---------- library ----------

export const libraryListQuery = z.object({
  q: searchText(200).default(""),
  type: z.enum(["action", "solution"]).optional(),
  group: searchText(200).optional(),
  flowId: uuid("flow").optional(),
  sort: z.enum(LIBRARY_SORTS).default("relevance"),
  cursor,
});
export const libraryStep = z.object({
  id: z.string(), title: z.string(), type: z.enum(["action", "solution"]), groupLabel: z.string().nullable(),
  visibility: z.enum(["private", "team", "account", "public"]), tags: z.array(z.string()),
  instructions: z.string(), helpText: z.string(),
  commands: z.array(z.object({ label: z.string(), command: z.string(), commandType: z.string() })),
  usageCount: z.number().int(), helpfulCount: z.number().int(), unhelpfulCount: z.number().int(),
  sourceFlow: z.object({ id: z.string(), name: z.string() }).nullable(),
}).meta({ id: "LibraryStep" });
