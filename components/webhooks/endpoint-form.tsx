"use client";
// The endpoint's URL, description, events and on/off, for "Add endpoint" and "Edit".
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/action";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS, type WebhookEventType } from "@/lib/webhooks/events";
import type { WebhookEndpointInput } from "@/lib/webhooks/webhooks.validation";
import { useAction } from "@/components/ui/use-action";

export type EndpointValues = { url: string; description: string; events: string[]; active: boolean };

export function EndpointForm<T>({
  initial,
  submitLabel,
  save,
  onSaved,
  onCancel,
}: {
  initial?: EndpointValues;
  submitLabel: string;
  save: (input: WebhookEndpointInput) => Promise<ActionResult<T>>;
  onSaved: (data: T) => void;
  onCancel?: () => void;
}) {
  const { run, pending, formError, fieldErrors } = useAction(save);
  return (
    <form
      // Scrolls inside the dialog on short screens instead of running off it.
      className="max-h-[calc(100dvh-10rem)] space-y-4 overflow-y-auto px-1 pb-1"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const result = await run({
          url: String(form.get("url") ?? ""),
          description: String(form.get("description") ?? ""),
          events: form.getAll("events").map(String) as WebhookEventType[],
          active: form.get("active") === "on",
        });
        if (result?.ok) onSaved(result.data);
      }}
    >
      <Field id="webhook-url" label="Endpoint URL" help="We POST JSON here, signed with the endpoint's secret." errors={fieldErrors.url}>
        <Input id="webhook-url" name="url" type="url" inputMode="url" placeholder="https://psa.example.com/hooks/resolutionflow" defaultValue={initial?.url} maxLength={2000} autoFocus />
      </Field>
      <Field id="webhook-description" label="Description (optional)" errors={fieldErrors.description}>
        <Input id="webhook-description" name="description" placeholder="e.g. HaloPSA ticket updates" defaultValue={initial?.description} maxLength={200} />
      </Field>
      <fieldset className="space-y-2" aria-describedby={fieldErrors.events ? "webhook-events-error" : undefined}>
        <legend className="text-sm font-medium">Events</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="flex items-start gap-2 rounded-md border border-border px-3 py-1.5 text-sm hover:bg-muted">
            <input type="checkbox" name="events" value={type} defaultChecked={initial ? initial.events.includes(type) : type === "session.completed"} className="mt-0.5 h-4 w-4 accent-brand-600" />
            <span className="min-w-0">
              <span className="font-mono text-xs">{type}</span>{" "}
              <span className="block text-xs text-fg-muted">{WEBHOOK_EVENTS[type].description}</span>
            </span>
          </label>
        ))}
        {fieldErrors.events && <p id="webhook-events-error" role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">{fieldErrors.events[0]}</p>}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="active" defaultChecked={initial?.active ?? true} className="h-4 w-4 accent-brand-600" />
        Active (paused endpoints keep their queue and get it when turned back on)
      </label>
      {formError && !fieldErrors.url && <Alert tone="error">{formError}</Alert>}
      <div className="flex justify-end gap-2">
        {onCancel && <Button type="button" variant="ghost" onClick={onCancel}>Cancel</Button>}
        <Button type="submit" pending={pending}>{submitLabel}</Button>
      </div>
    </form>
  );
}
