"use client";
// Dashboard quick start: find a published flow and start it. Uses the library search API;
// react-query keys by the query text, so an older response never replaces a newer one.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { FlowTypeBadge } from "@/components/flows/flow-meta";
import { SearchInput } from "@/components/ui/search-input";
import { useDebounced } from "@/components/ui/use-debounced";
import type { FlowSearchResult } from "@/lib/flows/queries";
import { StartAssistantButton } from "@/components/assistant/start-assistant";
import { StartSessionButton } from "./start-session-button";

export function QuickStart({ assistant = false }: { assistant?: boolean }) {
  const [text, setText] = useState("");
  const query = useDebounced(text.trim(), 250);
  const result = useQuery({
    queryKey: ["quick-start", query],
    queryFn: async ({ signal }): Promise<FlowSearchResult> => {
      const params = new URLSearchParams({ status: "published", sort: query ? "name" : "used" });
      if (query) params.set("q", query);
      const response = await fetch(`/api/flows?${params}`, { signal });
      if (!response.ok) throw new Error("Could not search flows.");
      return response.json();
    },
    placeholderData: keepPreviousData,
  });
  const items = result.data?.items.filter((f) => f.isActive).slice(0, 6) ?? [];
  return (
    <div className="space-y-3">
      <SearchInput value={text} onChange={(e) => setText(e.target.value)} placeholder="What are you fixing? e.g. outlook, vpn, printer" aria-label="Find a flow to start" />
      {result.isError && <p className="text-sm text-red-600">Could not search flows. Try again.</p>}
      {result.data && items.length === 0 && <p className="text-sm text-fg-muted">No published flow matches “{query}”. <Link href="/flows" className="underline">Browse all flows</Link></p>}
      <ul className="divide-y divide-border" data-testid="quick-start-results">
        {items.map((flow) => (
          <li key={flow.id} className="flex items-center gap-3 py-2">
            <div className="min-w-0 flex-1">
              <Link href={`/flows/${flow.id}`} className="font-medium hover:underline">{flow.name}</Link>
              <div className="mt-0.5 flex items-center gap-2 text-xs text-fg-muted"><FlowTypeBadge type={flow.type} />{flow.category}</div>
            </div>
            <StartSessionButton flowId={flow.id} size="sm" variant="secondary" />
          </li>
        ))}
      </ul>
      {assistant && query && (
        <p className="flex flex-wrap items-center gap-2 text-sm text-fg-muted">
          Not what you need?
          <StartAssistantButton size="sm" initialProblem={text.trim()} data-testid="quick-start-assistant" />
        </p>
      )}
    </div>
  );
}
