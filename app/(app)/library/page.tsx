import type { Metadata } from "next";
import { LibraryBrowser } from "@/components/library/library-browser";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { librarySearchSchema } from "@/lib/library/library.validation";
import { searchLibrary } from "@/lib/library/queries";
import { parsePageSearchParams } from "@/lib/validation/search-params";

export const metadata: Metadata = { title: "Step library" };

export default async function LibraryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const search = parsePageSearchParams(librarySearchSchema, await searchParams);
  const initialData = await searchLibrary(user, search);
  return <LibraryBrowser initialSearch={search} initialData={initialData} canAuthor={hasRole(user.role, "engineer")} />;
}
