// Sample flow structures for tests (temporary ids, as the editors send them).
import type { ProcedureStructure, TreeStructure } from "@/lib/flows/structure";

export function sampleTree(): TreeStructure {
  return {
    rootId: "tmp-q1",
    nodes: {
      "tmp-q1": { type: "question", title: "Does the printer show offline?", description: "", answers: [{ id: "tmp-a1", label: "Yes", next: "tmp-act" }, { id: "tmp-a2", label: "No", next: "tmp-fix" }] },
      "tmp-act": { type: "action", title: "Restart the spooler on [VAR:print_server]", instructions: "Restart it.", commands: [{ language: "powershell", code: "Restart-Service -Name Spooler", label: "Restart" }], answers: [{ id: "tmp-a3", label: "Fixed", next: "tmp-fix" }, { id: "tmp-a4", label: "Still broken", next: "tmp-esc" }], next: null },
      "tmp-fix": { type: "solution", title: "Printer back online", resolution: "Spooler restarted.", commands: [], outcome: "resolved" },
      "tmp-esc": { type: "escalation", title: "Escalate to print team", escalateTo: "L2 print team", instructions: "", outcome: "escalated" },
    },
  };
}

export function sampleProcedure(steps = 3): ProcedureStructure {
  return {
    steps: [
      { id: "tmp-sec1", type: "section_header", title: "Preparation" },
      ...Array.from({ length: steps }, (_, i) => ({
        id: `tmp-step-${i}`,
        type: "procedure_step" as const,
        title: `Step ${i + 1} on [VAR:server_name]`,
        description: `Do **thing ${i + 1}**.`,
        expectedOutcome: "It works.",
        commands: [{ language: "powershell" as const, code: `Get-Service -ComputerName [VAR:server_name] # ${i}`, label: "Check" }],
        contentType: "action" as const,
        libraryVisibility: null,
      })),
      { id: "tmp-end", type: "procedure_end", title: "Done", text: "All done." },
    ],
  };
}
