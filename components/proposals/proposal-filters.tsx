// The queue's filters as a plain GET form: the URL holds them, so a filtered queue can be shared
// and the back button works; no client code needed.
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { PROPOSAL_STATUSES, PROPOSAL_STATUS_LABELS, PROPOSAL_TYPES, PROPOSAL_TYPE_LABELS, type ProposalFilters } from "@/lib/proposals/proposal.validation";

export function ProposalFiltersForm({ filters }: { filters: ProposalFilters }) {
  return (
    <form method="get" action="/proposals" className="flex flex-wrap items-end gap-3" aria-label="Filter proposals">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Status</span>
        <Select name="status" defaultValue={filters.status}>
          {PROPOSAL_STATUSES.map((s) => <option key={s} value={s}>{PROPOSAL_STATUS_LABELS[s]}</option>)}
          <option value="all">All</option>
        </Select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Type</span>
        <Select name="type" defaultValue={filters.type ?? ""}>
          <option value="">All types</option>
          {PROPOSAL_TYPES.map((t) => <option key={t} value={t}>{PROPOSAL_TYPE_LABELS[t]}</option>)}
        </Select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium">Confidence at least</span>
        <Select name="min" defaultValue={filters.min === undefined ? "" : String(filters.min)}>
          <option value="">Any</option>
          {[50, 60, 70, 80, 90].map((m) => <option key={m} value={m}>{m}%</option>)}
        </Select>
      </label>
      <Button type="submit" variant="secondary">Apply</Button>
    </form>
  );
}
