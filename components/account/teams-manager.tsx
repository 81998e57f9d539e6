"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useAction } from "@/components/ui/use-action";
import { createTeam, renameTeam } from "@/lib/account/teams.actions";

type Team = { id: string; name: string; members: number };

function TeamRow({ team }: { team: Team }) {
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const { run, pending, formError, fieldErrors } = useAction(renameTeam);
  const error = fieldErrors.name?.[0] ?? formError;
  if (!editing) {
    return (
      <li className="flex items-center justify-between gap-3 px-5 py-3">
        <div>
          <p className="font-medium">{team.name}</p>
          <p className="text-sm text-fg-muted">{team.members} {team.members === 1 ? "member" : "members"}</p>
        </div>
        <Button variant="ghost" size="sm" onClick={() => setEditing(true)} aria-label={`Rename ${team.name}`}>Rename</Button>
      </li>
    );
  }
  return (
    <li className="px-5 py-3">
      <form
        className="flex items-start gap-2"
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await run({ teamId: team.id, name: String(new FormData(event.currentTarget).get("name") ?? "") });
          if (result?.ok) {
            setEditing(false);
            toast({ title: "Team renamed", tone: "success" });
          }
        }}
      >
        <div className="flex-1">
          <Input name="name" defaultValue={team.name} aria-label="Team name" maxLength={80} autoFocus aria-invalid={Boolean(error)} />
          {error && <p role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">{error}</p>}
        </div>
        <Button type="submit" size="md" pending={pending}>Save</Button>
        <Button type="button" variant="ghost" onClick={() => setEditing(false)}>Cancel</Button>
      </form>
    </li>
  );
}

export function TeamsManager({ teams }: { teams: Team[] }) {
  const toast = useToast();
  const { run, pending, formError, fieldErrors } = useAction(createTeam);
  const error = fieldErrors.name?.[0] ?? formError;
  return (
    <div>
      <form
        className="flex flex-wrap items-end gap-2 border-b border-border px-5 py-4"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const result = await run({ name: String(new FormData(form).get("name") ?? "") });
          if (result?.ok) {
            form.reset();
            toast({ title: `Team "${result.data.name}" created`, tone: "success" });
          }
        }}
      >
        <div className="min-w-64 flex-1">
          <Field id="team-name" label="New team" errors={error ? [error] : undefined}>
            <Input id="team-name" name="name" placeholder="e.g. Service Desk" maxLength={80} aria-invalid={Boolean(error)} />
          </Field>
        </div>
        <Button type="submit" pending={pending}>Create team</Button>
      </form>
      {teams.length === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-fg-muted">No teams yet. Create one above, for example &quot;Service Desk&quot; or &quot;Projects&quot;.</p>
      ) : (
        <ul className="divide-y divide-border">{teams.map((team) => <TeamRow key={team.id} team={team} />)}</ul>
      )}
    </div>
  );
}
