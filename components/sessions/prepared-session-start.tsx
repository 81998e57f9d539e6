"use client";
import { Play } from "@/components/ui/icons";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useAction } from "@/components/ui/use-action";
import type { SessionView } from "@/lib/sessions/queries";
import { startPreparedSession } from "@/lib/sessions/sessions.actions";

/** A prepared session before it starts: what was filled in, and Start. */
export function PreparedSessionStart({ session, canStart }: { session: SessionView; canStart: boolean }) {
  const router = useRouter();
  const { run, pending, error } = useAction(startPreparedSession);
  return (
    <Card className="mx-auto max-w-2xl p-6">
      <p className="text-sm text-fg-muted">
        Prepared{session.preparedBy ? ` by ${session.preparedBy.name}` : ""}{session.assignee ? ` for ${session.assignee.name}` : " for the team"}
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{session.flowName}</h1>
      <dl className="mt-4 divide-y divide-border rounded-md border border-border text-sm">
        {session.variableDefinitions.length === 0 && <p className="p-3 text-fg-muted">No variables.</p>}
        {session.variableDefinitions.map((v) => (
          <div key={v.key} className="grid grid-cols-[12rem_1fr] gap-2 px-3 py-2">
            <dt className="text-fg-muted">{v.label}</dt>
            <dd className="font-mono break-all">{session.variables[v.key] || <span className="font-sans text-amber-700 dark:text-amber-300">not filled yet</span>}</dd>
          </div>
        ))}
      </dl>
      {error && <Alert tone="error" className="mt-4">{error}</Alert>}
      {canStart ? (
        <Button
          className="mt-6"
          size="lg"
          pending={pending}
          onClick={async () => {
            const result = await run({ sessionId: session.id });
            if (result?.ok) router.refresh();
          }}
        >
          <Play className="h-4 w-4" aria-hidden />Start session
        </Button>
      ) : (
        <p className="mt-6 text-sm text-fg-muted">This session is assigned to {session.assignee?.name ?? "someone else"}.</p>
      )}
    </Card>
  );
}
