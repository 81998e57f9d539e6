import type { Metadata } from "next";
import Link from "next/link";
import { FileUp, Plus } from "@/components/ui/icons";
import { FlowLibrary } from "@/components/flows/flow-library";
import { Button } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { librarySearchSchema } from "@/lib/flows/flow.validation";
import { searchFlows } from "@/lib/flows/queries";
import { parsePageSearchParams } from "@/lib/validation/search-params";

export const metadata: Metadata = { title: "Flows" };

export default async function FlowsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageUser();
  const filters = parsePageSearchParams(librarySearchSchema, await searchParams);
  const initialData = await searchFlows(user, filters);
  const canAuthor = hasRole(user.role, "engineer");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Flows</h1>
          <p className="mt-1 text-fg-muted">Your team&apos;s troubleshooting trees, procedures and maintenance runbooks.</p>
        </div>
        {canAuthor && (
          <div className="flex gap-2">
            <Button asChild variant="secondary"><Link href="/flows/import"><FileUp className="h-4 w-4" aria-hidden />Import</Link></Button>
            <Button asChild><Link href="/flows/new"><Plus className="h-4 w-4" aria-hidden />New flow</Link></Button>
          </div>
        )}
      </div>
      <FlowLibrary initialFilters={filters} initialData={initialData} canAuthor={canAuthor} />
    </div>
  );
}
