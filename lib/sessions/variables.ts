// Variable values in a running session (SPEC §5): resolving `[VAR:key]` in text, splitting
// text into pieces for inline inputs, and checking a value against its field type.
import { z } from "zod";
import type { FieldType, VariableDefinition } from "@/lib/flows/variables";

export type VariableValues = Record<string, string>;
export type TextPiece = { kind: "text"; text: string } | { kind: "var"; key: string; value: string | null };

const REFERENCE = /\[VAR:([a-zA-Z][a-zA-Z0-9_]{0,39})\]/g;

const filled = (values: VariableValues, key: string) => {
  const value = values[key];
  return typeof value === "string" && value.trim() !== "" ? value : null;
};

/** Replaces every filled `[VAR:key]`; unfilled ones stay as `[VAR:key]`. */
export function resolveText(text: string, values: VariableValues): string {
  return text.replace(REFERENCE, (match, key: string) => filled(values, key) ?? match);
}

/** Text split into literal pieces and variable references (filled or not), in order. */
export function textPieces(text: string, values: VariableValues): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(REFERENCE)) {
    if (match.index > last) pieces.push({ kind: "text", text: text.slice(last, match.index) });
    pieces.push({ kind: "var", key: match[1], value: filled(values, match[1]) });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ kind: "text", text: text.slice(last) });
  return pieces;
}

export function unfilledKeys(texts: string[], values: VariableValues): string[] {
  const keys = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(REFERENCE)) if (!filled(values, match[1])) keys.add(match[1]);
  return [...keys];
}

const HOSTNAME = /^(?=.{1,253}$)(?!-)[a-zA-Z0-9-]{1,63}(?<!-)(\.(?!-)[a-zA-Z0-9-]{1,63}(?<!-))*\.?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|(([0-9a-fA-F]{1,4}:){0,7}[0-9a-fA-F]{0,4})?::(([0-9a-fA-F]{1,4}:){0,7}[0-9a-fA-F]{0,4})?)$/;

const CHECKS: Record<FieldType, (value: string, definition?: Pick<VariableDefinition, "options">) => string | null> = {
  text: (v) => (v.length > 500 ? "Use at most 500 characters." : null),
  textarea: (v) => (v.length > 5000 ? "Use at most 5000 characters." : null),
  number: (v) => (/^-?\d+(\.\d+)?$/.test(v.trim()) ? null : "Enter a number."),
  select: (v, d) => (!d?.options.length || d.options.includes(v) ? null : `Choose one of: ${d.options.join(", ")}.`),
  hostname: (v) => (HOSTNAME.test(v.trim()) ? null : "Enter a host name like srv-file01 or srv-file01.corp.example.com."),
  ip: (v) => (IPV4.test(v.trim()) || IPV6.test(v.trim()) ? null : "Enter an IP address like 10.0.0.15."),
  email: (v) => (z.string().email().safeParse(v.trim()).success ? null : "Enter an email address."),
  url: (v) => (z.string().url().safeParse(v.trim()).success && /^https?:\/\//i.test(v.trim()) ? null : "Enter a URL starting with http:// or https://."),
};

/** An error message, or null when the value fits the field. Empty clears the variable. */
export function checkVariableValue(definition: Pick<VariableDefinition, "fieldType" | "options"> | undefined, value: string): string | null {
  if (value === "") return null;
  if (value.length > 5000) return "Use at most 5000 characters.";
  return CHECKS[definition?.fieldType ?? "text"](value, definition);
}
