import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Download, GitFork, Pencil } from "@/components/ui/icons";
import { FlowAnalyticsPanel } from "@/components/analytics/flow-analytics-panel";
import { RangeFilter } from "@/components/analytics/range-filter";
import { FlowTabs } from "@/components/analytics/flow-tabs";
import { FlowManageMenu } from "@/components/flows/flow-manage-menu";
import { FlowTypeBadge, StatusBadge, VisibilityLabel } from "@/components/flows/flow-meta";
import { ForkDialog } from "@/components/flows/fork-dialog";
import { FlowMaintenance } from "@/components/maintenance/flow-maintenance";
import { RestoreVersionButton } from "@/components/flows/restore-version-button";
import { StructureView } from "@/components/flows/structure-view";
import { PrepareSessionDialog } from "@/components/sessions/prepare-session-dialog";
import { StartSessionButton } from "@/components/sessions/start-session-button";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { canViewFlowAnalytics } from "@/lib/analytics/access";
import { analyticsParamsSchema } from "@/lib/analytics/analytics.validation";
import { getFlowAnalytics } from "@/lib/analytics/flow-analytics";
import { requirePageUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { getFlowDetail } from "@/lib/flows/queries";
import { listMembers } from "@/lib/account/queries";
import { flowMaintenanceData } from "@/lib/maintenance/queries";
import { procedureCountText, procedureCounts, type Visibility } from "@/lib/flows/structure";

export const metadata: Metadata = { title: "Flow" };

export default async function FlowPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ readonly?: string; tab?: string; range?: string; tz?: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  const { readonly, tab, ...analyticsQuery } = await searchParams;
  const flow = await getFlowDetail(user, id).catch((error) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const canFork = hasRole(user.role, "engineer");
  // The Analytics tab: the flow's author and the account's admins (lib/analytics/access.ts); anyone else gets not found.
  const showAnalytics = canViewFlowAnalytics(user, flow);
  if (tab === "analytics" && !showAnalytics) notFound();
  const analyticsParams = analyticsParamsSchema.parse(analyticsQuery);
  const runnable = flow.status === "published" && flow.isActive && flow.versions.length > 0;
  // Runs use the latest published version's variables, which may differ from the draft's.
  const [members, maintenance, analytics] = await Promise.all([
    runnable ? listMembers(user.accountId).then((all) => all.map((m) => ({ id: m.id, name: m.name }))) : [],
    flow.type === "maintenance" && tab !== "analytics" ? flowMaintenanceData(user, flow.id) : null,
    tab === "analytics" ? getFlowAnalytics(user, flow.id, analyticsParams) : null,
  ]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <FlowTypeBadge type={flow.type} />
            <StatusBadge status={flow.status} isActive={flow.isActive} />
            {flow.isDefault && <Badge tone="brand">Built-in</Badge>}
            <VisibilityLabel visibility={flow.visibility} />
          </div>
          <h1 className="mt-2 text-2xl font-semibold" data-testid="flow-name">{flow.name}</h1>
          {flow.forkedFrom && (
            <p className="mt-1 text-sm">
              <Badge className="gap-1"><GitFork className="h-3 w-3" aria-hidden />Fork of <Link href={`/flows/${flow.forkedFrom.id}`} className="underline" data-testid="fork-origin">{flow.forkedFrom.name}</Link></Badge>
              {flow.forkReason && <span className="ml-2 text-fg-muted">“{flow.forkReason}”</span>}
            </p>
          )}
          <p className="mt-2 max-w-3xl whitespace-pre-line text-fg-muted">{flow.description || "No description."}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {runnable && <StartSessionButton flowId={flow.id} label="Start session" />}
          {runnable && <PrepareSessionDialog flowId={flow.id} variables={flow.publishedVariables} members={members} />}
          {flow.editable && <Button asChild variant={runnable ? "secondary" : "primary"}><Link href={`/flows/${flow.id}/edit`}><Pencil className="h-4 w-4" aria-hidden />Edit</Link></Button>}
          {canFork && <ForkDialog flowId={flow.id} flowName={flow.name} />}
          <Button asChild variant="secondary"><a href={`/api/flows/${flow.id}/export`} download><Download className="h-4 w-4" aria-hidden />Export</a></Button>
          {flow.editable && <FlowManageMenu flow={flow} />}
        </div>
      </div>

      {readonly && !flow.editable && <Alert tone="info">You can view this flow but not edit it. Fork it to make your own copy.</Alert>}

      {showAnalytics && (
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-border">
          <FlowTabs flowId={flow.id} current={analytics ? "analytics" : "overview"} />
          {analytics && <div className="pb-2"><RangeFilter range={analyticsParams.range} tz={analyticsParams.tz} /></div>}
        </div>
      )}

      {analytics ? (
        <FlowAnalyticsPanel data={analytics} structure={flow.structure} range={analyticsParams.range} />
      ) : (<>
      {maintenance && <FlowMaintenance data={maintenance} flowId={flow.id} runnable={runnable} members={members} />}

      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <div className="min-w-0">
          <Card className="p-4">
            {flow.size === 0 ? (
              <p className="p-6 text-center text-sm text-fg-muted">This flow is empty.{flow.editable && " Open the editor to add the first step."}</p>
            ) : (
              <StructureView type={flow.type} structure={flow.structure} visibility={flow.visibility} />
            )}
          </Card>
        </div>
        <div className="space-y-6">
          <Card>
            <CardHeader title="About" />
            <dl className="grid grid-cols-[7rem_1fr] gap-y-2 p-4 text-sm">
              <dt className="text-fg-muted">Author</dt><dd>{flow.authorName ?? "Former member"}</dd>
              <dt className="text-fg-muted">Category</dt><dd>{flow.category ?? "—"}</dd>
              <dt className="text-fg-muted">Tags</dt><dd className="flex flex-wrap gap-1">{flow.tags.length ? flow.tags.map((t) => <Badge key={t}>#{t}</Badge>) : "—"}</dd>
              {"steps" in flow.structure ? (
                <><dt className="text-fg-muted">Steps</dt><dd data-testid="flow-size">{procedureCountText(procedureCounts(flow.structure.steps))}</dd></>
              ) : (
                <><dt className="text-fg-muted">Nodes</dt><dd data-testid="flow-size">{flow.size}</dd></>
              )}
              <dt className="text-fg-muted">Runs</dt><dd>{flow.usageCount}</dd>
              <dt className="text-fg-muted">Forks</dt><dd>{flow.forkCount}</dd>
              <dt className="text-fg-muted">Updated</dt><dd><LocalTime value={flow.updatedAt} format="relative" /></dd>
            </dl>
          </Card>
          <Card>
            <CardHeader title="Variables" />
            {flow.variables.length === 0 ? (
              <p className="p-4 text-sm text-fg-muted">No intake variables.</p>
            ) : (
              <ul className="divide-y divide-border text-sm">
                {flow.variables.map((v) => (
                  <li key={v.key} className="px-4 py-2">
                    <code className="font-medium">{v.key}</code> <span className="text-fg-muted">· {v.label} · {v.fieldType}{v.required ? " · required" : ""}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card>
            <CardHeader title="Versions" />
            {flow.versions.length === 0 ? (
              <p className="p-4 text-sm text-fg-muted">Not published yet.</p>
            ) : (
              <ul className="divide-y divide-border text-sm" data-testid="versions">
                {flow.versions.map((v) => (
                  <li key={v.version} className="flex items-center justify-between gap-2 px-4 py-2">
                    <div>
                      <Link href={`/flows/${flow.id}/versions/${v.version}`} className="font-medium hover:underline">Version {v.version}</Link>
                      <p className="text-xs text-fg-muted"><LocalTime value={v.publishedAt} />{v.publishedBy ? ` · ${v.publishedBy}` : ""}</p>
                    </div>
                    {flow.editable && <RestoreVersionButton flowId={flow.id} version={v.version} />}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
      </>)}
    </div>
  );
}
