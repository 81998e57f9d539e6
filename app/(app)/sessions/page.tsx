import type { Metadata } from "next";
import { SessionHistory } from "@/components/sessions/session-history";
import { requirePageUser } from "@/lib/auth/current-user";
import { timed, timingPath } from "@/lib/http/request-timing";
import { historySearchSchema, searchSessions } from "@/lib/sessions/queries";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  timingPath("/sessions");
  const user = await requirePageUser();
  const filters = historySearchSchema.parse(await searchParams);
  const initialData = await timed("page", () => searchSessions(user, filters));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Sessions</h1>
        <p className="mt-1 text-fg-muted">Every run of a flow: in progress, prepared for later, and finished.</p>
      </div>
      <SessionHistory initialFilters={filters} initialData={initialData} />
    </div>
  );
}
