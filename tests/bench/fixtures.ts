// Large flows and bulk rows for the benchmarks. Bulk rows go in with one INSERT … SELECT
// generate_series each, so setting up 100,000 sessions takes seconds, not minutes.
import type { ProcedureItem, ProcedureStructure, TreeNode, TreeStructure } from "@/lib/flows/structure";

const COMMANDS = ["Get-Service -Name Spooler", "Restart-Service -Name W32Time", "ipconfig /flushdns", "systemctl restart nginx", "Get-WinEvent -LogName System -MaxEvents 50"];

/** A procedure of `steps` steps, a section every 25, each step with a description and a command. */
export function bigProcedure(steps: number, salt = ""): ProcedureStructure {
  const items: ProcedureItem[] = [];
  for (let i = 0; i < steps; i++) {
    if (i % 25 === 0) items.push({ id: `tmp-sec-${i}`, type: "section_header", title: `Phase ${i / 25 + 1}` });
    items.push({
      id: `tmp-step-${i}`, type: "procedure_step", title: `Step ${i + 1}${salt}: check [VAR:server_name] part ${i % 17}`,
      description: `Open the console on **[VAR:server_name]** and confirm item ${i} is healthy. If not, note the error and continue.`,
      expectedOutcome: `Item ${i} reports OK.`, commands: [{ language: "powershell", code: COMMANDS[i % COMMANDS.length], label: "Check" }],
      contentType: i % 4 === 0 ? "verification" : "action", libraryVisibility: null,
    });
  }
  items.push({ id: "tmp-end", type: "procedure_end", title: "Done", text: "Close the change." });
  return { steps: items };
}

/**
 * A decision tree of `nodes` nodes: a spine of questions, each "Yes" leading to an action that
 * leads to its own solution, each "No" to the next question; the last "No" escalates.
 */
export function bigTree(nodes: number, salt = ""): TreeStructure {
  const groups = Math.floor((nodes - 1) / 3);
  const tree: Record<string, TreeNode> = {};
  for (let i = 0; i < groups; i++) {
    tree[`tmp-q${i}`] = {
      type: "question", title: `Question ${i}${salt}: does symptom ${i} show?`, description: "Look at the user's screen.",
      answers: [{ id: `tmp-q${i}-y`, label: "Yes", next: `tmp-a${i}` }, { id: `tmp-q${i}-n`, label: "No", next: i + 1 < groups ? `tmp-q${i + 1}` : "tmp-esc" }],
    };
    tree[`tmp-a${i}`] = { type: "action", title: `Fix ${i}`, instructions: `Apply fix ${i}.`, commands: [{ language: "cmd", code: COMMANDS[i % COMMANDS.length], label: "" }], answers: [], next: `tmp-s${i}` };
    tree[`tmp-s${i}`] = { type: "solution", title: `Fixed by ${i}`, resolution: `Fix ${i} worked.`, commands: [], outcome: "resolved" };
  }
  tree["tmp-esc"] = { type: "escalation", title: "Escalate", escalateTo: "L2", instructions: "", outcome: "escalated" };
  return { rootId: "tmp-q0", nodes: tree };
}

/** A chain of `length` actions (each "Done" leads on) ending in a solution: for answering many times. */
export function chainTree(length: number): TreeStructure {
  const nodes: Record<string, TreeNode> = {};
  for (let i = 0; i < length; i++) {
    nodes[`tmp-c${i}`] = { type: "action", title: `Step ${i}`, instructions: "", commands: [], answers: [], next: i + 1 < length ? `tmp-c${i + 1}` : "tmp-end" };
  }
  nodes["tmp-end"] = { type: "solution", title: "Done", resolution: "", commands: [], outcome: "resolved" };
  return { rootId: "tmp-c0", nodes };
}

/** Words for generated library text; "zorblax" is rare on purpose. */
export const WORDS = [
  "restart", "spooler", "printer", "outlook", "profile", "vpn", "certificate", "dns", "cache", "flush", "backup", "snapshot",
  "service", "password", "reset", "mailbox", "license", "teams", "onedrive", "sync", "firewall", "rule", "gpo", "update",
  "driver", "disk", "cleanup", "event", "log", "registry", "key", "share", "permission", "mapped", "drive", "bitlocker",
  "recovery", "intune", "enroll", "wifi",
];
