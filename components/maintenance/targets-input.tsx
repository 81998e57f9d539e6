"use client";
// Targets typed/pasted one per line (`label # notes`) or imported from a CSV file, with a
// preview and the problems by line number. The parent gets the parsed result on every change.
import { FileUp } from "@/components/ui/icons";
import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { parsePastedTargets, parseTargetsCsv, type ParsedTargets } from "@/lib/maintenance/targets";

const MAX_FILE_BYTES = 1_000_000;

export function TargetsInput({ initialText = "", onChange }: { initialText?: string; onChange: (parsed: ParsedTargets) => void }) {
  const id = useId();
  const [text, setText] = useState(initialText);
  const [parsed, setParsed] = useState<ParsedTargets>(() => parsePastedTargets(initialText));
  const [source, setSource] = useState<"paste" | "csv">("paste");
  const [fileName, setFileName] = useState<string | null>(null);

  const update = (next: ParsedTargets) => {
    setParsed(next);
    onChange(next);
  };

  return (
    <div className="space-y-3">
      <div className="space-y-1.5">
        <label htmlFor={`${id}-text`} className="block text-sm font-medium">Targets</label>
        <Textarea
          id={`${id}-text`}
          rows={6}
          value={text}
          placeholder={"SRV-FILE01 # main file server\nSRV-FILE02"}
          className="font-mono text-sm"
          aria-describedby={`${id}-help`}
          onChange={(e) => {
            setText(e.target.value);
            setSource("paste");
            setFileName(null);
            update(parsePastedTargets(e.target.value));
          }}
          data-testid="targets-text"
        />
        <p id={`${id}-help`} className="text-xs text-fg-muted">
          One per line: <code>label # notes</code>. Or import a CSV with a header row: <code>label</code>, <code>notes</code>, and any other column (e.g. <code>ip</code>) fills the flow&apos;s variable of the same name.
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button asChild variant="secondary" size="sm">
          <label className="cursor-pointer">
            <FileUp className="h-4 w-4" aria-hidden />
            Import CSV…
            <input
              type="file"
              accept=".csv,text/csv"
              className="sr-only"
              data-testid="targets-csv"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (!file) return;
                setFileName(file.name);
                setSource("csv");
                if (file.size > MAX_FILE_BYTES) {
                  update({ targets: [], columns: [], problems: [{ line: null, message: `${file.name} is larger than 1 MB.` }] });
                  return;
                }
                update(parseTargetsCsv(await file.text()));
              }}
            />
          </label>
        </Button>
        {fileName && source === "csv" && <span className="text-sm text-fg-muted">From {fileName}</span>}
        <span className="ml-auto text-sm text-fg-muted" aria-live="polite" data-testid="targets-count">
          {parsed.targets.length} {parsed.targets.length === 1 ? "target" : "targets"}
        </span>
      </div>
      {parsed.problems.length > 0 && (
        <Alert tone="error">
          <p className="font-medium">Fix these before saving:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5" data-testid="targets-problems">
            {parsed.problems.slice(0, 10).map((p, i) => <li key={i}>{p.message}</li>)}
            {parsed.problems.length > 10 && <li>…and {parsed.problems.length - 10} more.</li>}
          </ul>
        </Alert>
      )}
      {parsed.targets.length > 0 && (
        <div className="max-h-56 overflow-auto rounded-md border border-border">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Preview of the targets</caption>
            <thead className="sticky top-0 bg-muted text-xs text-fg-muted">
              <tr>
                <th className="px-3 py-1.5 font-medium">Label</th>
                <th className="px-3 py-1.5 font-medium">Notes</th>
                {parsed.columns.map((c) => <th key={c} className="px-3 py-1.5 font-medium font-mono">{c}</th>)}
              </tr>
            </thead>
            <tbody>
              {parsed.targets.slice(0, 100).map((t, i) => (
                <tr key={i} className="border-t border-border">
                  <td className="px-3 py-1.5 font-mono">{t.label || <span className="text-red-600 dark:text-red-400">(empty)</span>}</td>
                  <td className="px-3 py-1.5 text-fg-muted">{t.notes}</td>
                  {parsed.columns.map((c) => <td key={c} className="px-3 py-1.5 font-mono">{t.values[c] ?? ""}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          {parsed.targets.length > 100 && <p className="border-t border-border px-3 py-1.5 text-xs text-fg-muted">Showing 100 of {parsed.targets.length}.</p>}
        </div>
      )}
    </div>
  );
}
