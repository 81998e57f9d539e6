"use client";
// Admins keep the problem categories: name, description, and who hears about escalations.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Pencil, Plus, Trash2 } from "@/components/ui/icons";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { Role } from "@/lib/generated/prisma/enums";
import { createCategory, deleteCategory, updateCategory } from "@/lib/l1/categories.actions";

type Category = { id: string; name: string; description: string; recipients: { user: { id: string; name: string } }[] };
type Member = { id: string; name: string; role: Role };

function CategoryForm({ category, members, onDone }: { category?: Category; members: Member[]; onDone: () => void }) {
  const create = useAction(createCategory);
  const update = useAction(updateCategory);
  const action = category ? update : create;
  const [picked, setPicked] = useState<Set<string>>(new Set(category?.recipients.map((r) => r.user.id) ?? []));
  return (
    <form
      className="space-y-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const fields = { name: String(form.get("name") ?? ""), description: String(form.get("description") ?? ""), recipientIds: [...picked] };
        const result = category ? await update.run({ categoryId: category.id, ...fields }) : await create.run(fields);
        if (result?.ok) onDone();
      }}
    >
      <Field id="category-name" label="Name" errors={action.fieldErrors.name}>
        <Input id="category-name" name="name" defaultValue={category?.name} maxLength={80} required autoFocus />
      </Field>
      <Field id="category-description" label="Description" help="Shown to L1 techs when they pick a category." errors={action.fieldErrors.description}>
        <Textarea id="category-description" name="description" defaultValue={category?.description} rows={2} maxLength={500} />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium">Escalation recipients</legend>
        <p className="text-xs text-fg-muted">With nobody picked, escalations go to the account&apos;s admins and owners.</p>
        <div className="mt-2 max-h-48 space-y-1 overflow-y-auto rounded-md border border-border p-2">
          {members.map((m) => (
            <label key={m.id} className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-muted">
              <input
                type="checkbox"
                checked={picked.has(m.id)}
                onChange={(e) => setPicked((prev) => { const next = new Set(prev); if (e.target.checked) next.add(m.id); else next.delete(m.id); return next; })}
              />
              {m.name} <span className="text-xs text-fg-muted">{ROLE_LABELS[m.role]}</span>
            </label>
          ))}
        </div>
        {action.fieldErrors.recipientIds && <p role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{action.fieldErrors.recipientIds[0]}</p>}
      </fieldset>
      {action.formError && <Alert tone="error">{action.formError}</Alert>}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onDone}>Cancel</Button>
        <Button type="submit" pending={action.pending}>{category ? "Save" : "Add category"}</Button>
      </div>
    </form>
  );
}

function CategoryRow({ category, members }: { category: Category; members: Member[] }) {
  const router = useRouter();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const remove = useAction(deleteCategory);
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 px-5 py-3" data-testid="category-row">
      <div className="min-w-0">
        <p className="font-medium">{category.name}</p>
        {category.description && <p className="text-sm text-fg-muted">{category.description}</p>}
        <p className="mt-1 text-xs text-fg-muted">
          Escalations go to: {category.recipients.length ? category.recipients.map((r) => r.user.name).join(", ") : "the account's admins and owners"}
        </p>
        {remove.formError && <p role="alert" className="mt-1 text-xs text-red-600">{remove.formError}</p>}
      </div>
      <div className="flex gap-1">
        <Dialog open={editing} onOpenChange={setEditing} title={`Edit ${category.name}`} trigger={<Button variant="ghost" size="sm" aria-label={`Edit ${category.name}`}><Pencil className="h-4 w-4" aria-hidden />Edit</Button>}>
          <CategoryForm category={category} members={members} onDone={() => { setEditing(false); router.refresh(); }} />
        </Dialog>
        <Button
          variant="danger-ghost"
          size="sm"
          pending={remove.pending}
          aria-label={`Delete ${category.name}`}
          onClick={async () => {
            if (!window.confirm(`Delete the category "${category.name}"? Past sessions keep their history.`)) return;
            const result = await remove.run({ categoryId: category.id });
            if (result?.ok) { toast({ title: "Category deleted", tone: "success" }); router.refresh(); }
          }}
        >
          <Trash2 className="h-4 w-4" aria-hidden />
        </Button>
      </div>
    </li>
  );
}

export function CategoryManager({ categories, members }: { categories: Category[]; members: Member[] }) {
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  return (
    <div>
      <div className="flex justify-end border-b border-border px-5 py-3">
        <Dialog open={adding} onOpenChange={setAdding} title="Add a problem category" trigger={<Button size="sm" data-testid="add-category"><Plus className="h-4 w-4" aria-hidden />Add category</Button>}>
          <CategoryForm members={members} onDone={() => { setAdding(false); router.refresh(); }} />
        </Dialog>
      </div>
      {categories.length ? (
        <ul className="divide-y divide-border">{categories.map((c) => <CategoryRow key={c.id} category={c} members={members} />)}</ul>
      ) : (
        <p className="px-5 py-6 text-sm text-fg-muted">No categories yet. Add the kinds of problems your L1 techs take (Printers, Email, Accounts …).</p>
      )}
    </div>
  );
}
