"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { useAction } from "@/components/ui/use-action";
import { importFlow } from "@/lib/flows/flows.actions";
import { FLOW_IMPORT_MAX_BYTES, flowImportTooLarge, utf8Bytes } from "@/lib/flows/flow.validation";

export function ImportFlowForm() {
  const router = useRouter();
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const { run, pending, error, fieldErrors } = useAction(importFlow);
  const [navigating, setNavigating] = useState(false);
  // Too large to send: said here, before the upload, with the same limit the action checks.
  const [tooLarge, setTooLarge] = useState<{ field: "file" | "json"; message: string } | null>(null);
  const problems = Object.entries(fieldErrors).filter(([key]) => key !== "json");

  return (
    <form
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const bytes = utf8Bytes(text);
        if (bytes > FLOW_IMPORT_MAX_BYTES) return setTooLarge({ field: "json", message: flowImportTooLarge(bytes) });
        const result = await run({ json: text });
        if (result?.ok) {
          setNavigating(true);
          router.push(`/flows/${result.data.id}/edit`);
        }
      }}
    >
      <Field
        id="import-file"
        label="Flow file (.json)"
        help={`Exported from ResolutionFlow with Export on a flow's page. At most ${FLOW_IMPORT_MAX_BYTES / 1_000_000} MB.`}
        errors={tooLarge?.field === "file" ? [tooLarge.message] : undefined}
      >
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-muted file:px-3 file:py-2 file:text-sm file:font-medium"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            setTooLarge(null);
            if (!file) return;
            if (file.size > FLOW_IMPORT_MAX_BYTES) {
              setFileName(null);
              setText("");
              return setTooLarge({ field: "file", message: flowImportTooLarge(file.size) });
            }
            setFileName(file.name);
            setText(await file.text());
          }}
        />
      </Field>
      <Field id="import-json" label={fileName ? `Contents of ${fileName}` : "…or paste the JSON"} errors={tooLarge?.field === "json" ? [tooLarge.message] : fieldErrors.json}>
        <Textarea
          id="import-json"
          value={text}
          onChange={(e) => {
            setTooLarge(null);
            setText(e.target.value);
          }} rows={12} className="font-mono text-xs" spellCheck={false} />
      </Field>
      {error && (
        <Alert tone="error">
          <p>{error}</p>
          {problems.length > 1 && (
            <ul className="mt-2 list-disc space-y-0.5 pl-5" data-testid="import-problems">
              {problems.map(([path, messages]) => <li key={path}><code>{path}</code>: {messages.join(" ")}</li>)}
            </ul>
          )}
        </Alert>
      )}
      <div className="flex justify-end">
        <Button type="submit" pending={pending || navigating} disabled={!text.trim()}>Import as a draft</Button>
      </div>
    </form>
  );
}
