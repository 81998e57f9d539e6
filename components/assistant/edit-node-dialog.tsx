"use client";
// Edit a suggestion before using it: its title and text, a question's answers (one a line) or a
// step's commands (one a line). It stays open in the runner, marked "Edited".
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { useAction } from "@/components/ui/use-action";
import { editWalkNode } from "@/lib/assistant/assistant.actions";
import type { AssistantNodeView } from "@/lib/assistant/queries";
import { COMMAND_LANGUAGES, guessLanguage, type CommandLanguage } from "@/lib/flows/structure";

const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);
const asLanguage = (value: string): CommandLanguage => ((COMMAND_LANGUAGES as readonly string[]).includes(value) ? (value as CommandLanguage) : "text");

export function EditNodeDialog({ open, onOpenChange, sessionId, node }: { open: boolean; onOpenChange: (open: boolean) => void; sessionId: string; node: AssistantNodeView }) {
  const router = useRouter();
  const { run, pending, formError, fieldErrors } = useAction(editWalkNode);
  const question = node.kind === "question";
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Edit suggestion" description="Change it to what you will actually do or ask.">
      {open && (
        <form
          className="space-y-4"
          onSubmit={async (event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const list = lines(String(data.get("list") ?? ""));
            const result = await run({
              sessionId, nodeId: node.id,
              title: String(data.get("title") ?? ""),
              body: String(data.get("body") ?? ""),
              answers: question ? list : [],
              commands: question ? [] : list.map((code) => {
                const kept = node.commands.find((c) => c.code.trim() === code);
                return { language: kept ? asLanguage(kept.language) : guessLanguage(code), code, label: kept?.label ?? "" };
              }),
            });
            if (result?.ok) { onOpenChange(false); router.refresh(); }
          }}
        >
          {formError && <Alert tone="error">{formError}</Alert>}
          <Field id="edit-title" label="Title" errors={fieldErrors.title}>
            <Input id="edit-title" name="title" defaultValue={node.title} required maxLength={300} autoFocus />
          </Field>
          <Field id="edit-body" label={question ? "Details" : "Instructions"} errors={fieldErrors.body}>
            <Textarea id="edit-body" name="body" defaultValue={node.body} rows={4} maxLength={20_000} />
          </Field>
          <Field id="edit-list" label={question ? "Answers (one a line)" : "Commands (one a line)"} errors={question ? fieldErrors.answers : fieldErrors.commands}>
            <Textarea id="edit-list" name="list" defaultValue={(question ? node.answers.map((a) => a.label) : node.commands.map((c) => c.code.replace(/\n/g, " "))).join("\n")} rows={4} className={question ? undefined : "font-mono"} />
          </Field>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>Cancel</Button>
            <Button type="submit" pending={pending}>Save</Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
