// The browser side of GET /api/library: one query-string format for the page, its URL and
// the picker, and one fetcher for react-query.
import type { LibrarySearch } from "@/lib/library/library.validation";
import type { LibraryCard, LibrarySearchResult } from "@/lib/library/queries";

/** Query string for a search; defaults (relevance, page 1, empty values) are left out. */
export function libraryParams(search: LibrarySearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined || value === "" || (key === "sort" && value === "relevance") || (key === "page" && value === 1)) continue;
    params.set(key, String(value));
  }
  return params;
}

export async function fetchLibrary(search: LibrarySearch, signal?: AbortSignal): Promise<LibrarySearchResult> {
  const response = await fetch(`/api/library?${libraryParams(search)}`, { signal });
  if (!response.ok) throw new Error((await response.json().catch(() => null))?.error ?? "Could not load the step library. Check your connection and try again.");
  return response.json();
}

/** react-query key prefix: invalidate it after any change to the library. */
export const LIBRARY_QUERY_KEY = "library";

/** One whole step (GET /api/library/[id]): list pages carry only what a card shows. */
export async function fetchLibraryStep(id: string, signal?: AbortSignal): Promise<LibraryCard> {
  const response = await fetch(`/api/library/${encodeURIComponent(id)}`, { signal });
  if (!response.ok) throw new Error((await response.json().catch(() => null))?.error ?? "Could not load this step. Check your connection and try again.");
  return response.json();
}

/** react-query options for one whole step, shared by the detail dialog, the edit form and the picker (one fetch per step while cached). */
export const libraryStepQuery = (id: string) => ({
  queryKey: [LIBRARY_QUERY_KEY, "step", id] as const,
  queryFn: ({ signal }: { signal?: AbortSignal }) => fetchLibraryStep(id, signal),
  staleTime: 30_000,
});
