// Per-target results of a batch as a CSV download: every target, whatever page the hub shows.
import { withUser } from "@/lib/http/route";
import { batchCsv, getBatchResults } from "@/lib/maintenance/queries";
import { formatDate } from "@/lib/time/format";

export const dynamic = "force-dynamic";

export const GET = withUser<{ params: Promise<{ id: string }> }>(async (_request, user, { params }) => {
  const hub = await getBatchResults(user, (await params).id);
  const name = `${hub.flowName.replace(/[^\w.-]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "batch"}-${(formatDate(hub.createdAt) ?? "").replace(/ /g, "-")}.csv`;
  // A BOM so spreadsheet programs read the file as UTF-8.
  return new Response(`\uFEFF${batchCsv(hub)}`, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
});
