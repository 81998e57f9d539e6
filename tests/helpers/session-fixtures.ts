// Finished sessions as the session page sees them (SessionView), for the ticket note tests.
import type { SessionView } from "@/lib/sessions/queries";

const base = {
  canChange: false,
  canEditNotes: true,
  canStart: false,
  preparedBy: null,
  feedback: {},
  currentNodeId: null,
} satisfies Partial<SessionView>;

/** Outlook troubleshooting: a wrong turn and back, a note, one variable left unfilled. */
export function troubleshootingSession(): SessionView {
  return {
    ...base,
    id: "0195a1c2-0000-7000-8000-000000000001",
    status: "completed",
    flowId: "0195a1c2-0000-7000-8000-0000000000f1",
    flowName: "Outlook keeps disconnecting",
    flowType: "troubleshooting",
    flowVersion: 3,
    owner: { id: "u-sam", name: "Sam Okafor" },
    assignee: null,
    createdAt: "2025-03-04T09:00:00.000Z",
    startedAt: "2025-03-04T09:00:00.000Z",
    completedAt: "2025-03-04T09:12:20.000Z",
    structure: {
      rootId: "q1",
      nodes: {
        q1: { type: "question", title: "Does [VAR:userName] see \"Disconnected\" in the Outlook status bar?", description: "", answers: [{ id: "q1-yes", label: "Yes", next: "a1" }, { id: "q1-no", label: "No", next: "q2" }] },
        q2: { type: "question", title: "Is Outlook asking for a password?", description: "", answers: [{ id: "q2-yes", label: "Yes", next: "esc" }] },
        a1: { type: "action", title: "Check the network on [VAR:computerName]", instructions: "Ping the gateway.", commands: [{ language: "cmd", code: "ping 8.8.8.8", label: "" }], answers: [{ id: "a1-ok", label: "Internet works", next: "a2" }, { id: "a1-down", label: "No internet", next: "esc" }], next: null },
        a2: { type: "action", title: "Recreate the Outlook profile for [VAR:userName]", instructions: "", commands: [], answers: [], next: "fix" },
        fix: { type: "solution", title: "Outlook connects again", resolution: "", commands: [], outcome: "resolved" },
        esc: { type: "escalation", title: "Escalate to the messaging team", escalateTo: "Messaging (L2)", instructions: "", outcome: "escalated" },
      },
    },
    variableDefinitions: [
      { key: "userName", label: "User", fieldType: "text", helpText: "", options: [], required: true, default: "" },
      { key: "computerName", label: "Computer name", fieldType: "hostname", helpText: "", options: [], required: false, default: "" },
    ],
    variables: { userName: "Jamie Rivera", computerName: "" },
    path: [
      { kind: "answer", nodeId: "q1", answerId: "q1-no", label: "No", next: "q2", at: "2025-03-04T09:01:00.000Z" },
      { kind: "back", from: "q2", to: "q1", at: "2025-03-04T09:02:00.000Z" },
      { kind: "answer", nodeId: "q1", answerId: "q1-yes", label: "Yes", next: "a1", at: "2025-03-04T09:03:00.000Z" },
      { kind: "answer", nodeId: "a1", answerId: "a1-ok", label: "Internet works", next: "a2", at: "2025-03-04T09:05:00.000Z" },
      { kind: "answer", nodeId: "a2", answerId: null, label: "Done", next: "fix", at: "2025-03-04T09:11:00.000Z" },
    ],
    stepStates: {},
    notes: {
      a1: "Gateway 10.0.0.1 answers in 2 ms and 8.8.8.8 in 14 ms, so the local network and the internet connection are fine; the problem is the Outlook profile itself.",
    },
    customSteps: [],
    outcome: "resolved",
    outcomeNotes: "Outlook profile was corrupt after the Microsoft 365 migration. Recreated it; mailbox synced within five minutes.\nUser confirmed send and receive work.",
    nextSteps: "Check back with Jamie on Friday.",
  };
}

/** Monthly patching: sections, a skipped step with a note, a failed step, a custom step. */
export function procedureSession(): SessionView {
  return {
    ...base,
    id: "0195a1c2-0000-7000-8000-000000000002",
    status: "completed",
    flowId: "0195a1c2-0000-7000-8000-0000000000f2",
    flowName: "Monthly patching: Windows Server",
    flowType: "maintenance",
    flowVersion: 7,
    owner: { id: "u-dana", name: "Dana Whitfield" },
    assignee: { id: "u-lee", name: "Lee Chen" },
    createdAt: "2025-03-08T21:50:00.000Z",
    startedAt: "2025-03-08T22:00:00.000Z",
    completedAt: "2025-03-08T23:04:50.000Z",
    structure: {
      steps: [
        { id: "sec-prep", type: "section_header", title: "Preparation" },
        { id: "s1", type: "procedure_step", title: "Confirm a backup of [VAR:serverName] finished in the last 24 hours", description: "", expectedOutcome: "", commands: [], contentType: "verification", libraryVisibility: null },
        { id: "s2", type: "procedure_step", title: "Take a VM snapshot", description: "", expectedOutcome: "", commands: [], contentType: "action", libraryVisibility: null },
        { id: "sec-patch", type: "section_header", title: "Patching" },
        { id: "s3", type: "procedure_step", title: "Install Windows updates", description: "", expectedOutcome: "", commands: [{ language: "powershell", code: "Install-WindowsUpdate -AcceptAll", label: "" }], contentType: "action", libraryVisibility: null },
        { id: "s4", type: "procedure_step", title: "Reboot [VAR:serverName]", description: "", expectedOutcome: "", commands: [], contentType: "action", libraryVisibility: null },
        { id: "sec-verify", type: "section_header", title: "Verification" },
        { id: "s5", type: "procedure_step", title: "Check automatic services are running", description: "", expectedOutcome: "", commands: [], contentType: "verification", libraryVisibility: null },
        { id: "s6", type: "procedure_step", title: "Email [VAR:contactEmail] that patching is done", description: "", expectedOutcome: "", commands: [], contentType: "action", libraryVisibility: null },
        { id: "end", type: "procedure_end", title: "Done", text: "Close the maintenance window." },
      ],
    },
    variableDefinitions: [
      { key: "serverName", label: "Server", fieldType: "hostname", helpText: "", options: [], required: true, default: "" },
      { key: "contactEmail", label: "Customer contact", fieldType: "email", helpText: "", options: [], required: false, default: "" },
      { key: "window", label: "Maintenance window", fieldType: "text", helpText: "", options: [], required: false, default: "" },
    ],
    variables: { serverName: "SRV-FILE01", contactEmail: "it@contoso.example", window: "Sat 22:00-02:00" },
    path: [],
    stepStates: {
      s1: { status: "done", note: "Veeam job finished 02:14, 0 errors.", at: "2025-03-08T22:03:00.000Z" },
      s2: { status: "skipped", note: "Host datastore is at 94%; the backup from last night is recent enough.", at: "2025-03-08T22:05:00.000Z" },
      s3: { status: "failed", note: "KB5034441 fails with 0x80070643 (recovery partition too small). All other updates installed.", at: "2025-03-08T22:40:00.000Z" },
      c1: { status: "done", note: "", at: "2025-03-08T22:30:00.000Z" },
      s4: { status: "done", note: "", at: "2025-03-08T22:50:00.000Z" },
      s5: { status: "done", note: "", at: "2025-03-08T23:00:00.000Z" },
    },
    notes: {},
    customSteps: [
      { id: "c1", afterId: "s3", libraryStepId: null, createdAt: "2025-03-08T22:20:00.000Z", title: "Clear the SoftwareDistribution folder on [VAR:serverName]", instructions: "", commands: [] },
    ],
    outcome: "completed_with_issues",
    outcomeNotes: "Patched and rebooted. KB5034441 still fails, see step 3.",
    nextSteps: "1. Resize the recovery partition in the next window.\n2. Retry KB5034441.",
  };
}
