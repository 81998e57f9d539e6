// The browser side of GET /api/library: one query-string format for the page, its URL and
// the picker, and one fetcher for react-query.
import type { LibrarySearch } from "@/lib/library/library.validation";
import type { LibrarySearchResult } from "@/lib/library/queries";

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
