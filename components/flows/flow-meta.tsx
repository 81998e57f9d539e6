import { GitBranch, ListChecks, Lock, Globe, Building2, Users, Wrench } from "@/components/ui/icons";
import type { FlowType, Visibility } from "@/lib/flows/structure";
import { Badge } from "@/components/ui/badge";

export const FLOW_TYPE_META: Record<FlowType, { label: string; plural: string; icon: typeof GitBranch; description: string }> = {
  troubleshooting: { label: "Troubleshooting", plural: "Troubleshooting", icon: GitBranch, description: "A decision tree: questions and actions that lead to a solution or an escalation." },
  procedural: { label: "Procedure", plural: "Procedures", icon: ListChecks, description: "An ordered checklist in sections, e.g. onboarding or a migration runbook." },
  maintenance: { label: "Maintenance", plural: "Maintenance", icon: Wrench, description: "A procedure run against many servers or devices at once, optionally on a schedule." },
};

export const VISIBILITY_META: Record<Visibility, { label: string; icon: typeof Lock; help: string }> = {
  private: { label: "Private", icon: Lock, help: "Only you." },
  team: { label: "Team", icon: Users, help: "Your team (and account admins)." },
  account: { label: "Account", icon: Building2, help: "Everyone in your account." },
  public: { label: "Public", icon: Globe, help: "Every ResolutionFlow account can see and fork it once published." },
};

export function FlowTypeBadge({ type }: { type: FlowType }) {
  const { label, icon: Icon } = FLOW_TYPE_META[type];
  return (
    <Badge tone={type === "troubleshooting" ? "brand" : type === "maintenance" ? "amber" : "green"} className="gap-1">
      <Icon className="h-3 w-3" aria-hidden />
      {label}
    </Badge>
  );
}

export function StatusBadge({ status, isActive }: { status: "draft" | "published"; isActive: boolean }) {
  if (!isActive) return <Badge tone="red">Inactive</Badge>;
  return status === "published" ? <Badge tone="green">Published</Badge> : <Badge>Draft</Badge>;
}

export function VisibilityLabel({ visibility }: { visibility: Visibility }) {
  const { label, icon: Icon } = VISIBILITY_META[visibility];
  return (
    <span className="vis-label">
      <Icon className="h-3 w-3" aria-hidden />
      {label}
    </span>
  );
}
