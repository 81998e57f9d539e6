import { describe, expect, it } from "vitest";
import { expectGolden } from "@/tests/helpers/golden";
import { procedureSession, troubleshootingSession } from "@/tests/helpers/session-fixtures";
import {
  buildTicketExports,
  buildTicketRecord,
  escapeMarkdown,
  formatTicket,
  wrapText,
  type TicketFormat,
} from "@/lib/sessions/ticket";

const EXTENSIONS: Record<TicketFormat, string> = { text: "txt", markdown: "md", html: "html" };

describe("ticket note golden files", () => {
  for (const format of ["text", "markdown", "html"] as const) {
    it(`troubleshooting session as ${format}`, () => {
      const record = buildTicketRecord(troubleshootingSession());
      expectGolden(`troubleshooting.${EXTENSIONS[format]}`, formatTicket(record, format));
    });
    it(`procedural session as ${format}`, () => {
      const record = buildTicketRecord(procedureSession(), { target: "SRV-FILE01" });
      expectGolden(`procedure.${EXTENSIONS[format]}`, formatTicket(record, format, { timeZone: "America/New_York" }));
    });
  }
});

describe("buildTicketRecord", () => {
  it("walks a troubleshooting session in order, with the back step, notes and the end node", () => {
    const record = buildTicketRecord(troubleshootingSession());
    expect(record.steps.map((s) => [s.number, s.kind, s.id])).toEqual([
      [1, "answer", "q1"],
      [2, "back", "q2"],
      [3, "answer", "q1"],
      [4, "answer", "a1"],
      [5, "answer", "a2"],
      [6, "end", "fix"],
    ]);
    expect(record.steps[0]).toMatchObject({ title: 'Does Jamie Rivera see "Disconnected" in the Outlook status bar?', answer: "No" });
    expect(record.steps[1]).toMatchObject({ kind: "back", title: "Is Outlook asking for a password?", toNumber: 1, toTitle: expect.stringContaining("Jamie Rivera") });
    // Unfilled variables stay visible as [VAR:key], in titles and in the variables list.
    expect(record.steps[3]).toMatchObject({ title: "Check the network on [VAR:computerName]", answer: "Internet works", note: expect.stringContaining("Gateway 10.0.0.1") });
    expect(record.variables).toEqual([
      { key: "userName", label: "User", value: "Jamie Rivera", display: "Jamie Rivera" },
      { key: "computerName", label: "Computer name", value: null, display: "[VAR:computerName]" },
    ]);
    expect(record).toMatchObject({ outcome: "resolved", outcomeLabel: "Resolved", engineer: "Sam Okafor", assignee: null, durationSeconds: 740, progress: null });
  });

  it("puts a note of a node visited twice on its last visit only", () => {
    const view = troubleshootingSession();
    view.notes = { q1: "Asked twice." };
    const record = buildTicketRecord(view);
    expect(record.steps.filter((s) => s.note).map((s) => s.number)).toEqual([3]);
  });

  it("lists every procedure step with its status, section and note, custom steps marked", () => {
    const record = buildTicketRecord(procedureSession(), { target: "  SRV-FILE01 " });
    expect(record.steps.map((s) => (s.kind === "procedure" ? [s.number, s.section, s.statusLabel, s.custom] : null))).toEqual([
      [1, "Preparation", "Done", false],
      [2, "Preparation", "Skipped", false],
      [3, "Patching", "Failed", false],
      [4, "Patching", "Done", true],
      [5, "Patching", "Done", false],
      [6, "Verification", "Done", false],
      [7, "Verification", "Not done", false],
    ]);
    expect(record.steps[3].title).toBe("Clear the SoftwareDistribution folder on SRV-FILE01");
    expect(record.steps[1].note).toMatch(/^Host datastore/);
    expect(record).toMatchObject({ target: "SRV-FILE01", assignee: "Lee Chen", outcomeLabel: "Completed with issues" });
    expect(record.progress).toMatchObject({ total: 7, done: 4, skipped: 1, failed: 1 });
  });

  it("describes sessions that are not finished", () => {
    const view = troubleshootingSession();
    Object.assign(view, { status: "active", completedAt: null, outcome: null, path: view.path.slice(0, 1) });
    const record = buildTicketRecord(view);
    expect(record.outcomeLabel).toBe("In progress");
    expect(record.durationSeconds).toBeNull();
    const text = formatTicket(record, "text");
    expect(text).toContain("2. Is Outlook asking for a password?\n   Answer: Not answered yet");
    expect(text).not.toContain("Completed:");
  });
});

describe("formatTicket", () => {
  it("plain text has no markdown or HTML syntax", () => {
    for (const view of [troubleshootingSession(), procedureSession()]) {
      const text = formatTicket(buildTicketRecord(view), "text");
      expect(text).not.toMatch(/\*\*|`|\||^#|<\/?[a-z]/m);
      expect(text).toMatch(/^SESSION SUMMARY\n\n/);
    }
  });

  it("wraps plain text at 100 columns with hanging indents", () => {
    const view = procedureSession();
    view.stepStates.s2.note = "word ".repeat(60).trim();
    const text = formatTicket(buildTicketRecord(view), "text");
    for (const line of text.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
    const lines = text.split("\n");
    const start = lines.findIndex((line) => line.startsWith("   Note: word"));
    expect(lines[start + 1]).toMatch(/^ {9}word/);
    // Narrower on request.
    for (const line of formatTicket(buildTicketRecord(view), "text", { width: 60 }).split("\n")) expect(line.length).toBeLessThanOrEqual(60);
  });

  it("escapes every user string in HTML", () => {
    const view = troubleshootingSession();
    view.flowName = "<b>Flow</b>";
    view.notes = { a1: '<script>alert("note")</script>' };
    view.variables = { userName: "<img src=x onerror=alert(1)>", computerName: "" };
    view.outcomeNotes = "Tom & Jerry's <script>x</script>";
    view.path[0] = { ...view.path[0], kind: "answer", label: "<i>No</i>" } as (typeof view.path)[0];
    const html = formatTicket(buildTicketRecord(view), "html");
    expect(html).not.toMatch(/<script|<img|<b>|<i>/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("Tom &amp; Jerry&#39;s");
    expect(html).toContain("&lt;i&gt;No&lt;/i&gt;");
    // Only the simple tags ticket editors accept.
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]));
    expect([...tags].every((tag) => ["h3", "p", "ol", "li", "strong", "em", "br"].includes(tag))).toBe(true);
  });

  it("escapes markdown syntax in user strings", () => {
    expect(escapeMarkdown("**bold** `code` <b> a_b _x_")).toBe("\\*\\*bold\\*\\* \\`code\\` \\<b\\> a_b \\_x\\_");
    expect(escapeMarkdown("# not a heading\n- not a list\n1. not numbered")).toBe("\\# not a heading\n\\- not a list\n1\\. not numbered");
    const view = troubleshootingSession();
    view.outcomeNotes = "# Done\n<script>alert(1)</script>";
    const markdown = formatTicket(buildTicketRecord(view), "markdown");
    expect(markdown).toContain("\\# Done  \n\\<script\\>alert(1)\\</script\\>");
  });

  it("exports all variants and the record as JSON", () => {
    const exports = buildTicketExports(procedureSession(), { target: "SRV-FILE01" });
    expect(exports.text).toContain("Target: SRV-FILE01");
    expect(exports.markdown).toContain("## Session summary");
    expect(exports.html).toContain("<h3>Session summary");
    expect(JSON.parse(exports.json)).toMatchObject({ target: "SRV-FILE01", flow: { name: "Monthly patching: Windows Server", version: 7 } });
  });
});

describe("maintenance target and batch", () => {
  it("names the target with its notes and the batch it ran in, in every format and in the print HTML", () => {
    const extras = { target: "SRV-FILE01", targetNotes: "file server, HQ", batch: { launchedAt: "2025-03-04T02:00:00.000Z", total: 20, scheduled: true } };
    const exports = buildTicketExports(procedureSession(), extras, { timeZone: "Europe/Berlin" });
    expect(exports.text).toContain("Target: SRV-FILE01 (file server, HQ)");
    expect(exports.text).toContain("Batch: scheduled run 4 Mar 2025 03:00 GMT+1, 20 targets");
    expect(exports.markdown).toContain("SRV-FILE01 (file server, HQ)");
    expect(exports.html).toContain("SRV-FILE01 (file server, HQ)");
    expect(exports.html).toContain("scheduled run 4 Mar 2025 03:00 GMT+1, 20 targets");
    const manual = formatTicket(buildTicketRecord(procedureSession(), { target: "SRV-01", batch: { launchedAt: "2025-03-04T02:00:00.000Z", total: 1, scheduled: false } }), "text");
    expect(manual).toContain("Target: SRV-01\n");
    expect(manual).toContain("Batch: launched 4 Mar 2025 02:00 UTC, 1 target");
  });
});

describe("helpers", () => {
  it("wraps words with a prefix and hanging indent, never splitting long words", () => {
    expect(wrapText("aaa bbb ccc ddd", 10, "1. ", 3)).toBe("1. aaa bbb\n   ccc ddd");
    expect(wrapText("short\n\nnext paragraph", 40, "Note: ", 6)).toBe("Note: short\n\n      next paragraph");
    const url = "https://example.com/a/very/long/path/that/does/not/fit";
    expect(wrapText(`see ${url} now`, 20)).toBe(`see\n${url}\nnow`);
  });
});
