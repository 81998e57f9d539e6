import type { Metadata } from "next";
import { LibraryBrowser } from "@/components/library/library-browser";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { librarySearchSchema } from "@/lib/library/library.validation";
import { libraryFilters, searchLibrary } from "@/lib/library/queries";
import { parsePageSearchParams } from "@/lib/validation/search-params";

export const metadata: Metadata = { title: "Step library" };

export default async function LibraryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const search = parsePageSearchParams(librarySearchSchema, await searchParams);
  const [initialData, filters] = await Promise.all([searchLibrary(user, search), libraryFilters(user)]);
  return <LibraryBrowser initialSearch={search} initialData={initialData} filters={filters} canAuthor={hasRole(user.role, "engineer")} />;
}
