// The sidebar's sections. A section is listed once its pages exist.
import { BookOpen, ChartColumn, GitPullRequestArrow, Headset, History, Inbox, LayoutDashboard, Server, Settings, Workflow } from "@/components/ui/icons";
import type { Role } from "@/lib/generated/prisma/enums";

// `minRole`: shown from that role up (the pages check it again).
export const NAV_ITEMS: readonly { href: string; label: string; icon: typeof Workflow; minRole?: Role }[] = [
  // L1 techs land on /l1 (the dashboard sends them there).
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard, minRole: "engineer" },
  { href: "/l1", label: "L1 workspace", icon: Headset },
  { href: "/flows", label: "Flows", icon: Workflow },
  { href: "/sessions", label: "Sessions", icon: History },
  { href: "/library", label: "Library", icon: BookOpen },
  { href: "/maintenance", label: "Maintenance", icon: Server },
  { href: "/escalations", label: "Escalations", icon: Inbox, minRole: "engineer" },
  { href: "/insights", label: "Insights", icon: ChartColumn },
  { href: "/settings", label: "Settings", icon: Settings },
];

/** Admins and owners only: the review queue of flow proposals (shown before Settings). */
export const PROPOSALS_NAV_ITEM = { href: "/proposals", label: "Proposals", icon: GitPullRequestArrow } as const;
