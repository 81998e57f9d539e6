// Every /api/v1 operation once: its method, path, scope and the zod schemas of its query, body
// and answer. The route handlers take their options from here and the OpenAPI document is
// generated from here, so the docs say what the routes do.
import type { z } from "zod";
import type { ApiScope } from "./keys";
import {
  batchDetail, createSessionBody, dataOf, deleted, flowDetail, flowListQuery, flowSummary, launchBatchBody, libraryListQuery,
  libraryStep, listOf, sessionDetail, sessionListQuery, sessionSummary, targetListBody, targetListDetail, targetListListQuery,
  targetListSummary, ticketNote, ticketQuery,
} from "./schemas";

export type Operation = {
  method: "get" | "post" | "put" | "delete";
  /** OpenAPI path under /api/v1, `{id}` for path parameters. */
  path: string;
  tag: "Flows" | "Sessions" | "Target lists" | "Batches" | "Library";
  summary: string;
  description?: string;
  scope: ApiScope;
  query?: z.ZodType;
  body?: z.ZodType;
  ids?: string[];
  idempotent?: boolean;
  status: number;
  response: z.ZodType;
};

const op = <O extends Operation>(o: O) => o;

export const operations = {
  listFlows: op({ method: "get", path: "/flows", tag: "Flows", summary: "List flows", description: "Newest change first. Filters as in the flow library.", scope: "read", query: flowListQuery, status: 200, response: listOf(flowSummary) }),
  getFlow: op({ method: "get", path: "/flows/{id}", tag: "Flows", summary: "Get a flow with its published version", scope: "read", ids: ["id"], status: 200, response: dataOf(flowDetail) }),
  listSessions: op({ method: "get", path: "/sessions", tag: "Sessions", summary: "List sessions", description: "Latest activity first. Filters as in session history.", scope: "read", query: sessionListQuery, status: 200, response: listOf(sessionSummary) }),
  createSession: op({ method: "post", path: "/sessions", tag: "Sessions", summary: "Prepare a session", description: "The PSA-ticket-opens-a-session case: a prepared session with its variables filled, optionally assigned. Honours Idempotency-Key.", scope: "write", body: createSessionBody, idempotent: true, status: 201, response: dataOf(sessionDetail) }),
  getSession: op({ method: "get", path: "/sessions/{id}", tag: "Sessions", summary: "Get a session", scope: "read", ids: ["id"], status: 200, response: dataOf(sessionDetail) }),
  getTicketNote: op({ method: "get", path: "/sessions/{id}/ticket", tag: "Sessions", summary: "Get the ticket note", description: "The note the session page copies into a ticket, as plain text, Markdown or HTML.", scope: "read", ids: ["id"], query: ticketQuery, status: 200, response: dataOf(ticketNote) }),
  listTargetLists: op({ method: "get", path: "/target-lists", tag: "Target lists", summary: "List target lists", description: "Newest first.", scope: "read", query: targetListListQuery, status: 200, response: listOf(targetListSummary) }),
  createTargetList: op({ method: "post", path: "/target-lists", tag: "Target lists", summary: "Create a target list", description: "Honours Idempotency-Key.", scope: "write", body: targetListBody, idempotent: true, status: 201, response: dataOf(targetListDetail) }),
  getTargetList: op({ method: "get", path: "/target-lists/{id}", tag: "Target lists", summary: "Get a target list with its targets", scope: "read", ids: ["id"], status: 200, response: dataOf(targetListDetail) }),
  updateTargetList: op({ method: "put", path: "/target-lists/{id}", tag: "Target lists", summary: "Replace a target list", description: "Name, description, visibility and the whole list of targets.", scope: "write", ids: ["id"], body: targetListBody, status: 200, response: dataOf(targetListDetail) }),
  deleteTargetList: op({ method: "delete", path: "/target-lists/{id}", tag: "Target lists", summary: "Delete a target list", scope: "write", ids: ["id"], status: 200, response: dataOf(deleted) }),
  launchBatch: op({ method: "post", path: "/batches", tag: "Batches", summary: "Launch a batch", description: "Honours Idempotency-Key.", scope: "write", body: launchBatchBody, idempotent: true, status: 201, response: dataOf(batchDetail) }),
  getBatch: op({ method: "get", path: "/batches/{id}", tag: "Batches", summary: "Get a batch's status and per-target results", scope: "read", ids: ["id"], status: 200, response: dataOf(batchDetail) }),
  searchLibrary: op({ method: "get", path: "/library/steps", tag: "Library", summary: "Search library steps", description: "Ranked by relevance when q is given; pages of 24.", scope: "read", query: libraryListQuery, status: 200, response: listOf(libraryStep) }),
  getLibraryStep: op({ method: "get", path: "/library/steps/{id}", tag: "Library", summary: "Get a library step", scope: "read", ids: ["id"], status: 200, response: dataOf(libraryStep) }),
} satisfies Record<string, Operation>;
