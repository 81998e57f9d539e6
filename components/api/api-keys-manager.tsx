"use client";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { LocalTime } from "@/components/ui/local-time";
import { SecretDialog } from "@/components/ui/secret-dialog";
import { ListTable } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { createApiKey, revokeApiKey } from "@/lib/api/api-keys.actions";
import type { ApiKeyRow } from "@/lib/api/queries";

const SCOPE_HELP = { read: "Read flows, sessions, lists, batches and the library", write: "Also create sessions, change target lists, launch batches" } as const;

export function ApiKeysManager({ keys }: { keys: ApiKeyRow[] }) {
  const toast = useToast();
  const create = useAction(createApiKey);
  const revoke = useAction(revokeApiKey);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);

  return (
    <div>
      <form
        className="grid gap-3 border-b border-border px-5 py-4 md:grid-cols-[minmax(0,1fr)_auto_auto] md:items-end"
        onSubmit={async (event) => {
          event.preventDefault();
          const formElement = event.currentTarget;
          const form = new FormData(formElement);
          const name = String(form.get("name") ?? "");
          const result = await create.run({ name, scopes: form.getAll("scopes").map(String) as ("read" | "write")[] });
          if (result?.ok) {
            setCreated({ name: name.trim(), secret: result.data.secret });
            formElement.reset();
          }
        }}
        noValidate
      >
        <Field id="api-key-name" label="Name" help="Where the key is used, e.g. “HaloPSA integration”." errors={create.fieldErrors.name}>
          <Input id="api-key-name" name="name" maxLength={80} placeholder="PSA integration" aria-invalid={Boolean(create.fieldErrors.name)} />
        </Field>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">Scopes</legend>
          <div className="flex gap-4 py-2">
            {(["read", "write"] as const).map((scope) => (
              <label key={scope} className="flex items-center gap-2 text-sm" title={SCOPE_HELP[scope]}>
                <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "read"} className="size-4 accent-brand-600" />
                {scope}
              </label>
            ))}
          </div>
          {create.fieldErrors.scopes && <p className="text-sm text-red-600 dark:text-red-400">{create.fieldErrors.scopes[0]}</p>}
        </fieldset>
        <Button type="submit" pending={create.pending}>Create key</Button>
        {create.formError && <Alert tone="error" className="md:col-span-3">{create.formError}</Alert>}
        <p className="text-xs text-fg-muted md:col-span-3">
          A key acts with your access inside this account and stops working if you are no longer an owner or admin. “write” includes “read”.{" "}
          <Link href="/settings/api-keys/docs" className="font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-400">Read the API docs</Link>
        </p>
      </form>

      {keys.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-fg-muted">No API keys yet. Create one above to connect your PSA or RMM.</p>
      ) : (
        <ListTable columns={["Name", "Key", "Scopes", "Last used", "Created"]}>
              {keys.map((key) => (
                <tr key={key.id} className="border-b border-border last:border-0" data-testid="api-key-row">
                  <td className="px-5 py-3 font-medium">
                    {key.name}
                    {key.revokedAt && <Badge tone="red" className="ml-2">revoked</Badge>}
                  </td>
                  <td className="px-3 py-3 font-mono text-xs">{key.prefix}…</td>
                  <td className="px-3 py-3">{key.scopes.join(", ")}</td>
                  <td className="px-3 py-3">{key.lastUsedAt ? <LocalTime value={key.lastUsedAt} /> : <span className="text-fg-muted">Never</span>}</td>
                  <td className="px-3 py-3"><LocalTime value={key.createdAt} />{key.createdBy && <span className="text-fg-muted"> · {key.createdBy}</span>}</td>
                  <td className="px-5 py-3 text-right">
                    {!key.revokedAt && (
                      <Button variant="danger-ghost" size="sm" onClick={() => setRevoking(key)}>Revoke</Button>
                    )}
                  </td>
                </tr>
              ))}
        </ListTable>
      )}

      <SecretDialog
        secret={created?.secret ?? null}
        onClose={() => setCreated(null)}
        title="API key created"
        description="Copy it now: it is stored only as a hash and cannot be shown again."
        copyLabel="Copy key"
        testId="api-key-secret"
        before={<p className="text-sm">{created?.name}</p>}
      >
        <p className="text-sm text-fg-muted">Send it as <code className="font-mono">Authorization: Bearer …</code></p>
      </SecretDialog>

      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title="Revoke this API key?"
        description="Integrations using it get 401 from their next request. This cannot be undone."
        confirmLabel="Revoke key"
        pending={revoke.pending}
        error={revoke.error}
        onConfirm={async () => {
          if (!revoking) return;
          const result = await revoke.run({ apiKeyId: revoking.id });
          if (result?.ok) {
            setRevoking(null);
            toast({ title: "API key revoked", tone: "success" });
          }
        }}
      >
        <p className="text-sm"><span className="font-medium">{revoking?.name}</span> <span className="font-mono text-xs text-fg-muted">{revoking?.prefix}…</span></p>
      </ConfirmDialog>
    </div>
  );
}
