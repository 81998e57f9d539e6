// The ticket note of a session (SPEC §4 "Copy for ticket"): one normalised record built from
// the session, then written out as plain text (pastes cleanly into ConnectWise, Autotask and
// HaloPSA notes), Markdown or HTML. Pure: no I/O, safe to call on the server or in the browser.
import { formatDateTime, formatDuration, secondsBetween } from "@/lib/time/format";
import { asProcedure, asTree, type FlowType } from "@/lib/flows/structure";
import type { SessionView, WalkTicketNode } from "./queries";
import { procedureProgress, runtimeSteps, trail, type Progress, type StepStatus } from "./runtime";
import { resolveText } from "./variables";

// ---------- the record ----------

export type TicketVariable = { key: string; label: string; value: string | null; /** The value, or `[VAR:key]` when unfilled. */ display: string };

type StepBase = { number: number; id: string; title: string; note: string };
export type TicketStep =
  /** Troubleshooting: a node answered on the way. */
  | (StepBase & { kind: "answer"; nodeType: string; answer: string })
  /** Troubleshooting: the engineer left this node unanswered and went back to an earlier one. */
  | (StepBase & { kind: "back"; toTitle: string; /** The step on this list they went back to. */ toNumber: number | null })
  /** Troubleshooting: where the walk ended (a solution, an escalation, or an unanswered node). */
  | (StepBase & { kind: "end"; nodeType: string; escalateTo: string })
  /** Procedures: every step, marked or not. */
  | (StepBase & { kind: "procedure"; section: string | null; status: StepStatus | null; statusLabel: string; custom: boolean });

export type TicketBatch = { launchedAt: string; total: number; scheduled: boolean };
/** What the ticket knows beyond the session view: a maintenance session's target and batch. */
export type TicketExtras = { target?: string | null; targetNotes?: string | null; batch?: TicketBatch | null };

export type TicketRecord = {
  sessionId: string;
  status: SessionView["status"];
  /** assistant: an AI-assisted walk (no flow; `name` is the short title of the problem). */
  flow: { name: string; version: number; type: FlowType; assistant?: boolean };
  /** AI-assisted sessions: the problem as described. */
  problem?: string;
  engineer: string | null;
  /** Only when someone other than the engineer is assigned. */
  assignee: string | null;
  startedAt: string | null;
  completedAt: string | null;
  durationSeconds: number | null;
  /** Maintenance: the server the session ran against, with its notes. */
  target: string | null;
  targetNotes: string | null;
  /** Maintenance: the batch the session belongs to. */
  batch: TicketBatch | null;
  variables: TicketVariable[];
  steps: TicketStep[];
  /** Procedures: counts per status. */
  progress: Progress | null;
  outcome: string | null;
  outcomeLabel: string;
  notes: string;
  nextSteps: string;
};

export const OUTCOME_LABELS: Record<string, string> = {
  resolved: "Resolved",
  partially_resolved: "Partially resolved",
  escalated: "Escalated",
  unresolved: "Unresolved",
  completed: "Completed",
  completed_with_issues: "Completed with issues",
  aborted: "Aborted",
};

export function outcomeLabel(outcome: string | null, status: SessionView["status"] = "completed"): string {
  if (outcome) return OUTCOME_LABELS[outcome] ?? outcome.replace(/_/g, " ");
  return status === "prepared" ? "Not started" : status === "active" ? "In progress" : "No outcome recorded";
}

export const STEP_STATUS_LABELS: Record<StepStatus, string> = { done: "Done", skipped: "Skipped", failed: "Failed" };
const NOT_DONE = "Not done";

const clean = (text: string | null | undefined) => (text ?? "").replace(/\r\n?/g, "\n").trim();
const joinNotes = (...notes: (string | undefined)[]) => [...new Set(notes.map(clean).filter(Boolean))].join("\n");

function ticketVariables(view: SessionView): TicketVariable[] {
  const values = view.variables ?? {};
  const out: TicketVariable[] = [];
  const seen = new Set<string>();
  const push = (key: string, label: string) => {
    seen.add(key);
    const raw = values[key];
    const value = typeof raw === "string" && raw.trim() !== "" ? clean(raw) : null;
    out.push({ key, label: clean(label) || key, value, display: value ?? `[VAR:${key}]` });
  };
  for (const definition of view.variableDefinitions ?? []) push(definition.key, definition.label);
  // Values without a definition (the flow changed since) are kept when filled: they were used.
  for (const key of Object.keys(values)) if (!seen.has(key) && clean(values[key])) push(key, key);
  return out;
}

function troubleshootingSteps(view: SessionView): TicketStep[] {
  const tree = asTree(view.structure);
  const values = view.variables ?? {};
  const titleOf = (id: string) => {
    const node = tree.nodes[id];
    return node ? resolveText(node.title, values) : "(step removed from the flow)";
  };
  const steps: TicketStep[] = [];
  for (const event of view.path) {
    if (event.kind === "answer") {
      steps.push({
        kind: "answer", number: 0, id: event.nodeId, title: titleOf(event.nodeId), note: "",
        nodeType: tree.nodes[event.nodeId]?.type ?? "question", answer: resolveText(event.label, values),
      });
    } else {
      // The answer being taken back is the latest one given at the node returned to.
      let toNumber: number | null = null;
      for (let i = steps.length - 1; i >= 0; i--) {
        if (steps[i].kind === "answer" && steps[i].id === event.to) {
          toNumber = i + 1;
          break;
        }
      }
      steps.push({ kind: "back", number: 0, id: event.from, title: titleOf(event.from), toTitle: titleOf(event.to), toNumber, note: "" });
    }
  }
  const ids = trail(tree.rootId, view.path);
  const lastId = ids[ids.length - 1];
  const last = tree.nodes[lastId];
  if (last) {
    steps.push({
      kind: "end", number: 0, id: lastId, title: titleOf(lastId), note: "", nodeType: last.type,
      escalateTo: last.type === "escalation" ? resolveText(clean(last.escalateTo), values) : "",
    });
  }
  // A node may be visited more than once; its note goes with its last appearance.
  const lastIndex = new Map<string, number>();
  steps.forEach((step, index) => lastIndex.set(step.id, index));
  for (const [id, index] of lastIndex) steps[index].note = joinNotes(view.notes?.[id]);
  return steps.map((step, index) => ({ ...step, number: index + 1 }));
}

/** An AI-assisted walk: kept nodes in order (rejected suggestions were not taken). */
function assistantSteps(view: SessionView, walk: WalkTicketNode[]): TicketStep[] {
  const steps: TicketStep[] = [];
  for (const node of walk) {
    if (node.status === "rejected") continue;
    const base = { number: steps.length + 1, id: node.id, title: clean(node.title), note: joinNotes(view.notes?.[node.id]) };
    if (node.kind === "question") {
      steps.push(node.answerLabel !== null ? { ...base, kind: "answer", nodeType: "question", answer: clean(node.answerLabel) } : { ...base, kind: "end", nodeType: "question", escalateTo: "" });
    } else if (node.kind === "solution" && node.result !== "failed") {
      steps.push({ ...base, kind: "end", nodeType: node.result === null ? "action" : "solution", escalateTo: "" });
    } else {
      const status = node.result as StepStatus | null;
      steps.push({ ...base, kind: "procedure", section: null, status, statusLabel: status ? STEP_STATUS_LABELS[status] : NOT_DONE, custom: node.manual });
    }
  }
  return steps;
}

function procedureSteps(view: SessionView): { steps: TicketStep[]; progress: Progress } {
  const runtime = runtimeSteps(asProcedure(view.structure), view.customSteps ?? []);
  const states = view.stepStates ?? {};
  const values = view.variables ?? {};
  const steps: TicketStep[] = [];
  for (const step of runtime) {
    if (step.kind !== "step") continue;
    const state = states[step.id];
    steps.push({
      kind: "procedure", number: step.number, id: step.id, title: resolveText(step.title, values),
      section: step.section === null ? null : resolveText(step.section, values),
      status: state?.status ?? null, statusLabel: state ? STEP_STATUS_LABELS[state.status] : NOT_DONE,
      custom: step.custom, note: joinNotes(state?.note, view.notes?.[step.id]),
    });
  }
  return { steps, progress: procedureProgress(runtime, states) };
}

/** Everything the ticket note says, in one normalised shape (also the JSON export). */
export function buildTicketRecord(view: SessionView, extras: TicketExtras = {}): TicketRecord {
  const isTree = view.flowType === "troubleshooting";
  const { steps, progress } = view.walk
    ? { steps: assistantSteps(view, view.walk), progress: null }
    : isTree ? { steps: troubleshootingSteps(view), progress: null } : procedureSteps(view);
  const engineer = view.owner?.name ?? view.assignee?.name ?? null;
  const assignee = view.assignee && view.assignee.id !== view.owner?.id ? view.assignee.name : null;
  return {
    sessionId: view.id,
    status: view.status,
    flow: { name: view.flowName, version: view.flowVersion, type: view.flowType, ...(view.walk ? { assistant: true } : {}) },
    ...(view.walk ? { problem: clean(view.problem) } : {}),
    engineer,
    assignee,
    startedAt: view.startedAt,
    completedAt: view.completedAt,
    durationSeconds: secondsBetween(view.startedAt, view.completedAt),
    target: clean(extras.target) || null,
    targetNotes: clean(extras.targetNotes) || null,
    batch: extras.batch ?? null,
    variables: ticketVariables(view),
    steps,
    progress,
    outcome: view.outcome,
    outcomeLabel: outcomeLabel(view.outcome, view.status),
    notes: clean(view.outcomeNotes),
    nextSteps: clean(view.nextSteps),
  };
}

// ---------- shared formatting ----------

export type TicketFormat = "text" | "markdown" | "html";
export type TicketFormatOptions = {
  /** IANA time zone for the times; "UTC" unless told. */
  timeZone?: string;
  /** Plain text: wrap lines at this many characters. */
  width?: number;
};

/** "4 Mar 2025 14:05 UTC" in the given time zone. */
const ticketTime = (iso: string | null, timeZone: string) => formatDateTime(iso, { timeZone, withZone: true });

const flowTypeLabel = (type: FlowType) => (type === "troubleshooting" ? "Troubleshooting" : type === "maintenance" ? "Maintenance" : "Procedure");

function progressLine(progress: Progress | null): string | null {
  if (!progress || !progress.total) return null;
  const notDone = progress.total - progress.finished;
  const parts = [`${progress.done} done`, `${progress.skipped} skipped`, `${progress.failed} failed`, `${notDone} not done`];
  return `${parts.join(", ")} (${progress.total} in all)`;
}

/** The "Label: value" lines at the top, in order, without the empty ones. */
function summaryFields(record: TicketRecord, options: TicketFormatOptions): [string, string][] {
  const timeZone = options.timeZone ?? "UTC";
  const fields: [string, string | null][] = [
    ["Flow", record.flow.assistant ? `${record.flow.name} (AI-assisted troubleshooting)` : `${record.flow.name} (version ${record.flow.version}, ${flowTypeLabel(record.flow.type).toLowerCase()})`],
    ["Problem", record.problem ?? null],
    ["Outcome", record.outcomeLabel],
    ["Engineer", record.engineer],
    ["Assigned to", record.assignee],
    ["Target", record.target && (record.targetNotes ? `${record.target} (${record.targetNotes})` : record.target)],
    ["Batch", record.batch && `${record.batch.scheduled ? "scheduled run" : "launched"} ${ticketTime(record.batch.launchedAt, timeZone)}, ${record.batch.total} ${record.batch.total === 1 ? "target" : "targets"}`],
    ["Started", ticketTime(record.startedAt, timeZone)],
    ["Completed", ticketTime(record.completedAt, timeZone)],
    ["Duration", formatDuration(record.durationSeconds)],
    ["Steps", progressLine(record.progress)],
  ];
  return fields.filter((field): field is [string, string] => Boolean(field[1]));
}

/** The first line of a step as the ticket shows it (without number or status). */
function stepHeadline(step: TicketStep): string {
  switch (step.kind) {
    case "answer":
    case "back":
      return step.title;
    case "end":
      return step.nodeType === "solution" ? `Solution: ${step.title}` : step.nodeType === "escalation" ? `Escalation: ${step.title}` : step.title;
    case "procedure":
      return step.custom ? `${step.title} (custom step)` : step.title;
  }
}

/** The "Label: value" detail lines under a step. */
function stepDetails(step: TicketStep, status: SessionView["status"]): [string, string][] {
  const details: [string, string][] = [];
  if (step.kind === "answer") details.push(["Answer", step.answer]);
  if (step.kind === "back") details.push(["Answer", step.toNumber ? `None, went back to step ${step.toNumber}` : `None, went back to "${step.toTitle}"`]);
  if (step.kind === "end") {
    if (step.escalateTo) details.push(["Escalate to", step.escalateTo]);
    if (step.nodeType === "question" || step.nodeType === "action") details.push(["Answer", status === "completed" ? "Not answered (session ended here)" : "Not answered yet"]);
  }
  if (step.note) details.push(["Note", step.note]);
  return details;
}

const stepsHeading = (record: TicketRecord) => (record.flow.type === "troubleshooting" ? "Steps taken" : "Steps");

// ---------- plain text ----------

/**
 * Word-wraps `text` to `width` columns: the first line starts with `prefix`, every later line
 * (wrapped or from a line break in the text) with `indent` spaces. Words longer than a line
 * (URLs, paths) are never split.
 */
export function wrapText(text: string, width = 100, prefix = "", indent = 0): string {
  const pad = " ".repeat(indent);
  const out: string[] = [];
  const paragraphs = text.replace(/\t/g, "  ").split("\n");
  paragraphs.forEach((paragraph, index) => {
    const lead = index === 0 ? prefix : pad;
    const words = paragraph.trim().split(/\s+/).filter(Boolean);
    if (!words.length) {
      out.push(index === 0 ? prefix.trimEnd() : "");
      return;
    }
    let line = lead + words[0];
    for (const word of words.slice(1)) {
      if (line.length + 1 + word.length > width) {
        out.push(line);
        line = pad + word;
      } else {
        line += ` ${word}`;
      }
    }
    out.push(line);
  });
  return out.join("\n");
}

function formatText(record: TicketRecord, options: TicketFormatOptions): string {
  const width = options.width ?? 100;
  const blocks: string[] = [];
  const section = (heading: string, body: string) => blocks.push(`${heading.toUpperCase()}\n\n${body}`);
  // "Label: value" with the value's later lines hanging under the value (or 4 spaces for long labels).
  const field = ([label, value]: [string, string], base = 0) => {
    const prefix = `${" ".repeat(base)}${label}: `;
    return wrapText(value, width, prefix, prefix.length <= 24 ? prefix.length : base + 4);
  };

  section(`Session summary`, summaryFields(record, options).map((f) => field(f)).join("\n"));

  if (record.variables.length) section("Variables", record.variables.map((v) => field([v.label, v.display])).join("\n"));

  if (record.steps.length) {
    const lines: string[] = [];
    let currentSection: string | null = null;
    for (const step of record.steps) {
      if (step.kind === "procedure" && step.section !== currentSection) {
        currentSection = step.section;
        if (currentSection) {
          if (lines.length) lines.push("");
          lines.push(wrapText(currentSection, width));
        }
      }
      const marker = `${step.number}. `;
      const status = step.kind === "procedure" ? `[${step.statusLabel}] ` : "";
      lines.push(wrapText(status + stepHeadline(step), width, marker, marker.length));
      for (const detail of stepDetails(step, record.status)) lines.push(field(detail, marker.length));
    }
    section(stepsHeading(record), lines.join("\n"));
  }

  if (record.notes) section("Notes", wrapText(record.notes, width));
  if (record.nextSteps) section("Next steps", wrapText(record.nextSteps, width));
  return `${blocks.join("\n\n")}\n`;
}

// ---------- markdown ----------

/** Escapes what would change the Markdown's meaning; intraword underscores stay readable. */
export function escapeMarkdown(text: string): string {
  const inline = text
    .replace(/[\\`*~<>|]/g, "\\$&")
    .replace(/_/g, (match, offset: number, whole: string) =>
      /[A-Za-z0-9]/.test(whole[offset - 1] ?? "") && /[A-Za-z0-9]/.test(whole[offset + 1] ?? "") ? "_" : "\\_",
    );
  // Block markers at the start of a line: headings, quotes, lists, rules.
  return inline.replace(/^(\s*)(#|>|[-+=]|\d+(?=[.)]))/gm, (_match, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
}

/** User text on its own lines inside a list item or paragraph: hard line breaks, indented. */
const markdownLines = (text: string, indent = "") => escapeMarkdown(text).split("\n").join(`  \n${indent}`);

function formatMarkdown(record: TicketRecord, options: TicketFormatOptions): string {
  const blocks: string[] = [];
  const field = ([label, value]: [string, string], indent = "") => `${indent}- **${label}:** ${markdownLines(value, `${indent}  `)}`;

  blocks.push(`## Session summary: ${escapeMarkdown(record.flow.name)}`);
  blocks.push(summaryFields(record, options).map((f) => field(f)).join("\n"));

  if (record.variables.length) {
    blocks.push("### Variables");
    blocks.push(record.variables.map((v) => field([v.label, v.display])).join("\n"));
  }

  if (record.steps.length) {
    blocks.push(`### ${stepsHeading(record)}`);
    let list: string[] = [];
    let currentSection: string | null = null;
    const flush = () => {
      if (list.length) blocks.push(list.join("\n"));
      list = [];
    };
    for (const step of record.steps) {
      if (step.kind === "procedure" && step.section !== currentSection) {
        currentSection = step.section;
        if (currentSection) {
          flush();
          blocks.push(`#### ${escapeMarkdown(currentSection)}`);
        }
      }
      const marker = `${step.number}. `;
      const indent = " ".repeat(marker.length);
      const status = step.kind === "procedure" ? `**${step.statusLabel}:** ` : "";
      const headline = escapeMarkdown(stepHeadline(step));
      list.push(`${marker}${status}${headline.split("\n").join(" ")}`);
      for (const detail of stepDetails(step, record.status)) list.push(field(detail, indent));
    }
    flush();
  }

  if (record.notes) blocks.push("### Notes", markdownLines(record.notes));
  if (record.nextSteps) blocks.push("### Next steps", markdownLines(record.nextSteps));
  return `${blocks.join("\n\n")}\n`;
}

// ---------- HTML ----------

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Escaped user text with its line breaks kept. */
const htmlLines = (text: string) => escapeHtml(text).split("\n").join("<br>");

function formatHtml(record: TicketRecord, options: TicketFormatOptions): string {
  const parts: string[] = [];
  const fields = (list: [string, string][]) => list.map(([label, value]) => `<strong>${escapeHtml(label)}:</strong> ${htmlLines(value)}`).join("<br>\n");

  parts.push(`<h3>Session summary: ${escapeHtml(record.flow.name)}</h3>`);
  parts.push(`<p>\n${fields(summaryFields(record, options))}\n</p>`);

  if (record.variables.length) {
    parts.push("<h3>Variables</h3>");
    parts.push(`<p>\n${fields(record.variables.map((v) => [v.label, v.display]))}\n</p>`);
  }

  if (record.steps.length) {
    parts.push(`<h3>${stepsHeading(record)}</h3>`);
    let items: string[] = [];
    let start = 1;
    let currentSection: string | null = null;
    const flush = () => {
      if (items.length) parts.push(`<ol${start > 1 ? ` start="${start}"` : ""}>\n${items.join("\n")}\n</ol>`);
      items = [];
    };
    for (const step of record.steps) {
      if (step.kind === "procedure" && step.section !== currentSection) {
        currentSection = step.section;
        if (currentSection) {
          flush();
          parts.push(`<p><strong>${escapeHtml(currentSection)}</strong></p>`);
        }
      }
      if (!items.length) start = step.number;
      const status = step.kind === "procedure" ? `<strong>${escapeHtml(step.statusLabel)}:</strong> ` : "";
      const headline = escapeHtml(stepHeadline(step));
      const details = stepDetails(step, record.status);
      items.push(`<li>${status}${headline}${details.length ? `<br>\n${fields(details)}` : ""}</li>`);
    }
    flush();
  }

  if (record.notes) parts.push("<h3>Notes</h3>", `<p>${htmlLines(record.notes)}</p>`);
  if (record.nextSteps) parts.push("<h3>Next steps</h3>", `<p>${htmlLines(record.nextSteps)}</p>`);
  return `${parts.join("\n")}\n`;
}

// ---------- entry points ----------

export function formatTicket(record: TicketRecord, format: TicketFormat, options: TicketFormatOptions = {}): string {
  if (format === "markdown") return formatMarkdown(record, options);
  if (format === "html") return formatHtml(record, options);
  return formatText(record, options);
}

export type TicketExports = { text: string; markdown: string; html: string; json: string };

/** Every export of a session at once: what the session page hands to `SessionSummary`. */
export function buildTicketExports(view: SessionView, extras: TicketExtras = {}, options: TicketFormatOptions = {}): TicketExports {
  const record = buildTicketRecord(view, extras);
  return {
    text: formatTicket(record, "text", options),
    markdown: formatTicket(record, "markdown", options),
    html: formatTicket(record, "html", options),
    json: JSON.stringify(record, null, 2),
  };
}
