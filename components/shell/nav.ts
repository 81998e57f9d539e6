// The sidebar's sections. A section is listed once its pages exist.
import { BookOpen, ChartColumn, GitPullRequestArrow, History, LayoutDashboard, Server, Settings, Workflow } from "@/components/ui/icons";

export const NAV_ITEMS = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard },
  { href: "/flows", label: "Flows", icon: Workflow },
  { href: "/sessions", label: "Sessions", icon: History },
  { href: "/library", label: "Library", icon: BookOpen },
  { href: "/maintenance", label: "Maintenance", icon: Server },
  { href: "/insights", label: "Insights", icon: ChartColumn },
  { href: "/settings", label: "Settings", icon: Settings },
] as const;

/** Admins and owners only: the review queue of flow proposals (shown before Settings). */
export const PROPOSALS_NAV_ITEM = { href: "/proposals", label: "Proposals", icon: GitPullRequestArrow } as const;
