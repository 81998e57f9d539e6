// Targets typed, pasted or imported as CSV, checked the same way in the browser (preview,
// errors by line) and on the server (nothing is saved while an error stands). Pure.
import Papa from "papaparse";

export const MAX_TARGETS = 1_000;
export const MAX_LABEL = 200;
export const MAX_NOTES = 1_000;
export const MAX_VALUE = 500;
export const MAX_COLUMNS = 20;
/** A CSV column becomes a per-target value under this key; it pre-fills the same [VAR:key]. */
export const COLUMN_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;

export type TargetInput = { label: string; notes: string; values: Record<string, string> };
export type TargetProblem = { line: number | null; message: string };
export type ParsedTargets = { targets: TargetInput[]; problems: TargetProblem[]; columns: string[] };

// Control characters other than tab break CSV exports and terminal paste-ins.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Checks a list whatever it came from: labels present, unique (case-insensitive), sizes. */
export function checkTargets(targets: TargetInput[], lines: (number | null)[] = []): TargetProblem[] {
  const problems: TargetProblem[] = [];
  const seen = new Map<string, number | null>();
  targets.forEach((target, index) => {
    const line = lines[index] ?? null;
    const at = line === null ? `Target ${index + 1}` : `Line ${line}`;
    if (!target.label) problems.push({ line, message: `${at}: the label is empty.` });
    else if (target.label.length > MAX_LABEL) problems.push({ line, message: `${at}: the label is longer than ${MAX_LABEL} characters.` });
    else {
      const key = target.label.toLowerCase();
      if (seen.has(key)) {
        const first = seen.get(key);
        problems.push({ line, message: `${at}: "${target.label}" is already in the list${first === null || first === undefined ? "" : ` (line ${first})`}.` });
      } else seen.set(key, line);
    }
    if (target.notes.length > MAX_NOTES) problems.push({ line, message: `${at}: the notes are longer than ${MAX_NOTES} characters.` });
    for (const [key, value] of Object.entries(target.values)) {
      if (value.length > MAX_VALUE) problems.push({ line, message: `${at}: "${key}" is longer than ${MAX_VALUE} characters.` });
    }
    if ([target.label, target.notes, ...Object.values(target.values)].some((text) => CONTROL.test(text))) {
      problems.push({ line, message: `${at}: contains a control character.` });
    }
  });
  if (targets.length > MAX_TARGETS) problems.unshift({ line: null, message: `${targets.length} targets: a list holds at most ${MAX_TARGETS}.` });
  return problems;
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** One target per line, `label # notes`; blank lines are ignored. Line numbers count every line. */
export function parsePastedTargets(text: string): ParsedTargets {
  const targets: TargetInput[] = [];
  const lines: number[] = [];
  stripBom(text).split(/\r\n|\r|\n/).forEach((raw, index) => {
    if (!raw.trim()) return;
    const hash = raw.indexOf("#");
    const label = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    const notes = hash === -1 ? "" : raw.slice(hash + 1).trim();
    targets.push({ label, notes, values: {} });
    lines.push(index + 1);
  });
  return { targets, problems: checkTargets(targets, lines), columns: [] };
}

/**
 * CSV with a header row: `label` (required), `notes`, and any other column becomes a value.
 * Quotes, embedded newlines, a UTF-8 BOM and CRLF are handled by papaparse; problems carry the
 * line number where the row starts (line 1 is the header).
 */
export function parseTargetsCsv(text: string): ParsedTargets {
  const source = stripBom(text);
  const problems: TargetProblem[] = [];
  const rows: { cells: string[]; line: number }[] = [];
  let offset = 0; // where papaparse will read the next row from
  let counted = 0; // newlines before this position are counted in `line`
  let line = 1;
  Papa.parse<string[]>(source, {
    skipEmptyLines: "greedy",
    step: (result) => {
      const start = firstNonBlank(source, offset);
      line += countNewlines(source, counted, start);
      counted = start;
      for (const error of result.errors) {
        // A one-column file has no delimiter to detect; papaparse then reads it as comma-separated, which is right.
        if (error.code !== "UndetectableDelimiter") problems.push({ line, message: `Line ${line}: ${csvErrorText(error.code)}` });
      }
      rows.push({ cells: result.data, line });
      offset = result.meta.cursor;
    },
  });
  if (!rows.length) return { targets: [], problems: [{ line: null, message: "The CSV is empty: it needs a header row with a label column." }], columns: [] };

  const header = rows[0].cells.map((cell) => cell.trim());
  const lower = header.map((cell) => cell.toLowerCase());
  const labelAt = lower.indexOf("label");
  if (labelAt === -1) {
    return { targets: [], problems: [{ line: rows[0].line, message: `Line ${rows[0].line}: the header row needs a "label" column (found: ${header.join(", ") || "nothing"}).` }], columns: [] };
  }
  const notesAt = lower.indexOf("notes");
  const columns: { index: number; key: string }[] = [];
  header.forEach((name, index) => {
    if (index === labelAt || index === notesAt) return;
    if (!COLUMN_KEY.test(name)) {
      problems.push({ line: rows[0].line, message: `Line ${rows[0].line}: column "${name}" must start with a letter and use letters, digits and _ (it becomes [VAR:${name || "…"}]).` });
    } else if (columns.some((c) => c.key.toLowerCase() === name.toLowerCase())) {
      problems.push({ line: rows[0].line, message: `Line ${rows[0].line}: column "${name}" appears twice.` });
    } else columns.push({ index, key: name });
  });
  if (columns.length > MAX_COLUMNS) problems.push({ line: rows[0].line, message: `Line ${rows[0].line}: at most ${MAX_COLUMNS} value columns.` });

  const targets: TargetInput[] = [];
  const lines: number[] = [];
  for (const row of rows.slice(1)) {
    if (row.cells.length !== header.length && !problems.some((p) => p.line === row.line)) {
      problems.push({ line: row.line, message: `Line ${row.line}: ${row.cells.length} fields, but the header has ${header.length}.` });
    }
    const values: Record<string, string> = {};
    for (const column of columns) {
      const value = (row.cells[column.index] ?? "").trim();
      if (value) values[column.key] = value;
    }
    targets.push({ label: (row.cells[labelAt] ?? "").trim(), notes: notesAt === -1 ? "" : (row.cells[notesAt] ?? "").trim(), values });
    lines.push(row.line);
  }
  if (!targets.length) problems.push({ line: null, message: "The CSV has a header row but no targets." });
  return { targets, problems: [...problems, ...checkTargets(targets, lines)], columns: columns.map((c) => c.key) };
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to && i < text.length; i++) {
    if (text[i] === "\n" || (text[i] === "\r" && text[i + 1] !== "\n")) n++;
  }
  return n;
}

/** Where the next row really starts: papaparse skips blank lines before it. */
function firstNonBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === "\n" || text[i] === "\r" || text[i] === " " || text[i] === "\t")) i++;
  // Back up to the start of that line (a row may begin with spaces inside its first cell).
  while (i > from && text[i - 1] !== "\n" && text[i - 1] !== "\r") i--;
  return i;
}

function csvErrorText(code: string): string {
  switch (code) {
    case "MissingQuotes":
      return "a quoted field is never closed.";
    case "InvalidQuotes":
      return "a quote inside a field must be doubled (\"\").";
    default:
      return "this row could not be read as CSV.";
  }
}

/** One target per line again (`label # notes`), for editing a saved list as text. */
export function targetsToText(targets: Pick<TargetInput, "label" | "notes">[]): string {
  return targets.map((t) => (t.notes ? `${t.label} # ${t.notes}` : t.label)).join("\n");
}
