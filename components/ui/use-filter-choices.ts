"use client";
// A list page's filter choices (flows, engineers, groups, tags …), fetched from the page's
// `/filters` route once the page is up instead of being rendered into it: up to a few hundred
// <option>s made up half of a list page's HTML and RSC payload. Until they arrive, a select
// shows its "any" option and the value already chosen.
import { useQuery } from "@tanstack/react-query";

/** react-query key prefix: invalidate it after a change that adds or removes a choice. */
export const FILTER_CHOICES_KEY = "filter-choices";

export function useFilterChoices<T>(url: string, empty: T): T {
  const result = useQuery({
    queryKey: [FILTER_CHOICES_KEY, url],
    queryFn: async ({ signal }): Promise<T> => {
      const response = await fetch(url, { signal });
      if (!response.ok) throw new Error("Could not load the filter choices.");
      return response.json();
    },
    staleTime: 60_000,
  });
  return result.data ?? empty;
}
