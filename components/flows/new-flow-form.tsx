"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { cn } from "@/lib/cn";
import { createFlow } from "@/lib/flows/flows.actions";
import { FLOW_TYPES, type FlowType } from "@/lib/flows/structure";
import { FLOW_TYPE_META } from "./flow-meta";
import { FlowMetaFields, type FlowMetaValue } from "./flow-meta-fields";

export function NewFlowForm({ categories, initialType }: { categories: string[]; initialType?: FlowType }) {
  const router = useRouter();
  const [type, setType] = useState<FlowType>(initialType ?? "troubleshooting");
  const [meta, setMeta] = useState<FlowMetaValue>({ name: "", description: "", category: "", tags: [], visibility: "team" });
  const { run, pending, error, fieldErrors } = useAction(createFlow);
  const [navigating, setNavigating] = useState(false);

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await run({ ...meta, type });
        if (result?.ok) {
          setNavigating(true);
          router.push(`/flows/${result.data.id}/edit`);
        }
      }}
    >
      <fieldset>
        <legend className="mb-2 text-sm font-medium">Type</legend>
        <div className="grid gap-3 sm:grid-cols-3" role="radiogroup">
          {FLOW_TYPES.map((t) => {
            const { label, icon: Icon, description } = FLOW_TYPE_META[t];
            return (
              <label
                key={t}
                className={cn(
                  "flex cursor-pointer flex-col gap-1 rounded-lg border p-4 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
                  type === t ? "border-brand-500 bg-brand-50 dark:bg-brand-700/20" : "border-border bg-surface hover:bg-muted",
                )}
              >
                <input type="radio" name="type" value={t} checked={type === t} onChange={() => setType(t)} className="sr-only" />
                <span className="flex items-center gap-2 font-medium"><Icon className="h-4 w-4" aria-hidden />{label}</span>
                <span className="text-sm text-fg-muted">{description}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
      {error && <Alert tone="error">{error}</Alert>}
      <FlowMetaFields value={meta} onChange={setMeta} errors={fieldErrors} categories={categories} idPrefix="new-flow" />
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={() => router.back()}>Cancel</Button>
        <Button type="submit" pending={pending || navigating}>Create and open editor</Button>
      </div>
    </form>
  );
}
