import { describe, expect, it } from "vitest";
import { MAX_TARGETS, parsePastedTargets, parseTargetsCsv, targetsToText } from "@/lib/maintenance/targets";

describe("pasted targets", () => {
  it("reads one target per line with optional notes after #, skipping blank lines", () => {
    const parsed = parsePastedTargets("SRV-01 # file server\r\n\r\nSRV-02\n  SRV-03 #  \n");
    expect(parsed.problems).toEqual([]);
    expect(parsed.targets).toEqual([
      { label: "SRV-01", notes: "file server", values: {} },
      { label: "SRV-02", notes: "", values: {} },
      { label: "SRV-03", notes: "", values: {} },
    ]);
  });

  it("names the line of an empty label and of a duplicate (case-insensitive)", () => {
    const parsed = parsePastedTargets("SRV-01\n# only a note\n\nsrv-01 # again");
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 4]);
    expect(parsed.problems[0].message).toBe("Line 2: the label is empty.");
    expect(parsed.problems[1].message).toBe('Line 4: "srv-01" is already in the list (line 1).');
  });

  it("refuses more than the maximum", () => {
    const text = Array.from({ length: MAX_TARGETS + 1 }, (_, i) => `srv-${i}`).join("\n");
    expect(parsePastedTargets(text).problems[0].message).toMatch(/at most 1000/);
  });

  it("round-trips through text", () => {
    const targets = [{ label: "A", notes: "n" }, { label: "B", notes: "" }];
    expect(targetsToText(targets)).toBe("A # n\nB");
  });
});

describe("CSV targets", () => {
  it("reads label, notes and other columns as values; BOM, CRLF and quotes", () => {
    const csv = '\uFEFFlabel,notes,ip,site\r\nSRV-01,"Main, file",10.0.0.1,HQ\r\nSRV-02,"said ""hi""",10.0.0.2,\r\n';
    const parsed = parseTargetsCsv(csv);
    expect(parsed.problems).toEqual([]);
    expect(parsed.columns).toEqual(["ip", "site"]);
    expect(parsed.targets).toEqual([
      { label: "SRV-01", notes: "Main, file", values: { ip: "10.0.0.1", site: "HQ" } },
      { label: "SRV-02", notes: 'said "hi"', values: { ip: "10.0.0.2" } },
    ]);
  });

  it("reads a one-column file", () => {
    expect(parseTargetsCsv("label\nA\nB").targets.map((t) => t.label)).toEqual(["A", "B"]);
  });

  it("counts lines through quoted newlines and blank lines", () => {
    const csv = 'label,notes\n"SRV-01","two\nlines"\n\n,empty label\nSRV-01,dup';
    const parsed = parseTargetsCsv(csv);
    expect(parsed.problems.map((p) => p.message)).toEqual(["Line 5: the label is empty.", 'Line 6: "SRV-01" is already in the list (line 2).']);
  });

  it("names a missing label column, an unclosed quote and a short row", () => {
    expect(parseTargetsCsv("name,ip\nA,1").problems[0].message).toMatch(/Line 1: the header row needs a "label" column \(found: name, ip\)/);
    expect(parseTargetsCsv('label,notes\nA,"open').problems[0].message).toBe("Line 2: a quoted field is never closed.");
    expect(parseTargetsCsv("label,notes,ip\nA,x").problems[0].message).toBe("Line 2: 2 fields, but the header has 3.");
  });

  it("refuses column names that cannot be variable keys, and empty files", () => {
    expect(parseTargetsCsv("label,ip address\nA,1").problems[0].message).toMatch(/column "ip address" must start with a letter/);
    expect(parseTargetsCsv("").problems[0].message).toMatch(/empty/);
    expect(parseTargetsCsv("label\n").problems[0].message).toMatch(/no targets/);
  });
});
