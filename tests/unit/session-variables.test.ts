// Variable values in a running session (lib/sessions/variables.ts): `[VAR:key]` resolution,
// text pieces for the inline inputs, unfilled keys, and checks per field type.
import { describe, expect, it } from "vitest";
import type { FieldType } from "@/lib/flows/variables";
import { checkVariableValue, resolveText, textPieces, unfilledKeys } from "@/lib/sessions/variables";

describe("resolveText", () => {
  it("replaces filled references everywhere and leaves unfilled ones as [VAR:key]", () => {
    const text = "Restart [VAR:service] on [VAR:server], then ping [VAR:server] from [VAR:client].";
    expect(resolveText(text, { server: "srv-file01", service: "Spooler", client: "" })).toBe(
      "Restart Spooler on srv-file01, then ping srv-file01 from [VAR:client].",
    );
  });

  it("whitespace-only counts as unfilled; values are inserted literally ($ patterns included)", () => {
    expect(resolveText("[VAR:a]|[VAR:b]", { a: "   ", b: "$& $1 $$" })).toBe("[VAR:a]|$& $1 $$");
  });

  it("ignores things that are not references", () => {
    const text = "[VAR:] [VAR:1abc] [var:x] [VAR:has space] VAR:x";
    expect(resolveText(text, { x: "X", "1abc": "no" })).toBe(text);
  });

  it("text without references is unchanged", () => {
    expect(resolveText("", {})).toBe("");
    expect(resolveText("Nothing to see", { a: "b" })).toBe("Nothing to see");
  });
});

describe("textPieces", () => {
  it("splits text into literal pieces and references, in order", () => {
    expect(textPieces("Ping [VAR:server] from [VAR:client]!", { server: "srv-01" })).toEqual([
      { kind: "text", text: "Ping " },
      { kind: "var", key: "server", value: "srv-01" },
      { kind: "text", text: " from " },
      { kind: "var", key: "client", value: null },
      { kind: "text", text: "!" },
    ]);
  });

  it("references at the edges and back to back; no empty text pieces", () => {
    expect(textPieces("[VAR:a][VAR:b]", { a: "1", b: " " })).toEqual([
      { kind: "var", key: "a", value: "1" },
      { kind: "var", key: "b", value: null },
    ]);
    expect(textPieces("plain", {})).toEqual([{ kind: "text", text: "plain" }]);
    expect(textPieces("", {})).toEqual([]);
  });

  it("gives the same pieces when called again (no regex state left behind)", () => {
    const text = "[VAR:a] and [VAR:a]";
    expect(textPieces(text, {})).toEqual(textPieces(text, {}));
    expect(textPieces(text, {})).toHaveLength(3);
  });
});

describe("unfilledKeys", () => {
  it("each unfilled key once, in first-seen order, across texts", () => {
    expect(unfilledKeys(["[VAR:b] [VAR:a]", "[VAR:c] [VAR:b]", "no refs"], { c: "filled", a: "" })).toEqual(["b", "a"]);
    expect(unfilledKeys([], {})).toEqual([]);
    expect(unfilledKeys(["[VAR:x]"], { x: "ok" })).toEqual([]);
  });
});

describe("checkVariableValue", () => {
  const field = (fieldType: FieldType, options: string[] = []) => ({ fieldType, options });
  const accepts = (fieldType: FieldType, values: string[], options: string[] = []) => {
    for (const value of values) expect(checkVariableValue(field(fieldType, options), value), `${fieldType} ${JSON.stringify(value)}`).toBeNull();
  };
  const rejects = (fieldType: FieldType, values: string[], message: RegExp, options: string[] = []) => {
    for (const value of values) expect(checkVariableValue(field(fieldType, options), value), `${fieldType} ${JSON.stringify(value)}`).toMatch(message);
  };

  it("empty always clears, whatever the type", () => {
    for (const type of ["text", "textarea", "number", "select", "hostname", "ip", "email", "url"] as const) accepts(type, [""], ["a"]);
  });

  it("hostname", () => {
    accepts("hostname", ["srv-file01", "srv-file01.corp.example.com", "SRV01", "host.example.com.", " padded "]);
    rejects("hostname", ["-bad", "bad-", "under_score", "two words", "a..b", `${"a".repeat(64)}.com`, `${"a.".repeat(127)}ab`], /host name/);
  });

  it("ip (v4 and v6)", () => {
    accepts("ip", ["10.0.0.15", "255.255.255.255", "0.0.0.0", "::1", "fe80::1", "2001:db8:0:0:0:0:0:1"]);
    rejects("ip", ["256.1.1.1", "10.0.0", "10.0.0.1.2", "01.2.3.4", "abc", "10.0.0.1/24"], /IP address/);
  });

  it("email", () => {
    accepts("email", ["it@contoso.example", "first.last+tag@example.co.uk"]);
    rejects("email", ["it@", "@contoso.example", "plain", "a b@example.com"], /email address/);
  });

  it("url: http or https only", () => {
    accepts("url", ["https://portal.example.com/path?q=1", "http://10.0.0.1:8080"]);
    rejects("url", ["portal.example.com", "ftp://example.com", "javascript:alert(1)", "https://"], /http:\/\/ or https:\/\//);
  });

  it("number", () => {
    accepts("number", ["0", "42", "-7", "3.14", " 12 "]);
    rejects("number", ["1e3", "12abc", "1,000", ".5", "NaN"], /Enter a number/);
  });

  it("select: one of the options (a select without options takes anything)", () => {
    accepts("select", ["gold", "silver"], ["gold", "silver"]);
    rejects("select", ["Gold", "bronze"], /Choose one of: gold, silver\./, ["gold", "silver"]);
    accepts("select", ["anything"], []);
  });

  it("lengths: text 500, textarea 5000, anything over 5000 refused; unknown variables are checked as text", () => {
    accepts("text", ["x".repeat(500)]);
    rejects("text", ["x".repeat(501)], /at most 500/);
    accepts("textarea", ["x".repeat(5000)]);
    rejects("textarea", ["x".repeat(5001)], /at most 5000/);
    rejects("number", ["1".repeat(5001)], /at most 5000/);
    expect(checkVariableValue(undefined, "free text")).toBeNull();
    expect(checkVariableValue(undefined, "x".repeat(501))).toMatch(/at most 500/);
  });
});
