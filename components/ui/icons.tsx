// Lucide icons as references into one sprite (public/icons.svg, cached by the browser) instead of
// inline paths: a library page shows ~100 icons, and their inline SVG came to ~50 KB of every
// list page's HTML. The sprite is generated from lucide-react by `npm run icons:sprite`
// (lib/cli/icon-sprite.ts); tests/unit/icon-sprite.test.ts fails when it is out of date.
// Same props as a lucide icon for what this app uses (className, aria-*, style).
import type { SVGProps } from "react";

/** Every icon the sprite holds, by its lucide-react name (also its symbol id). */
export const SPRITE_ICON_NAMES = [
  "ArrowRight", "BookOpen", "BookmarkPlus", "Building2", "ChartColumn", "Check", "ChevronDown", "ClipboardList", "Copy", "FileUp",
  "GitBranch", "GitFork", "GitPullRequestArrow", "Globe", "Headset", "History", "Inbox", "KeyRound", "LayoutDashboard", "LayoutGrid", "List", "ListChecks", "Lock",
  "LogOut", "Monitor", "Moon", "MoreHorizontal", "PenLine", "Pencil", "Play", "PlayCircle", "Plus", "Search", "Server",
  "Settings", "Sun", "Trash2", "Users", "UsersRound", "Workflow", "Wrench", "X",
] as const;
export type SpriteIconName = (typeof SPRITE_ICON_NAMES)[number];

export const ICON_SPRITE_URL = "/icons.svg";

export type IconProps = Omit<SVGProps<SVGSVGElement>, "children" | "ref">;
export type Icon = ((props: IconProps) => React.JSX.Element) & { displayName?: string };

function spriteIcon(name: SpriteIconName): Icon {
  // 24×24 like lucide's default; a size class (h-4 w-4) overrides the attributes. Decorative
  // unless the caller names it.
  const Icon: Icon = (props) => (
    <svg width={24} height={24} aria-hidden={props["aria-label"] ? undefined : true} {...props}>
      <use href={`${ICON_SPRITE_URL}#${name}`} />
    </svg>
  );
  Icon.displayName = name;
  return Icon;
}

export const ArrowRight = spriteIcon("ArrowRight");
export const BookOpen = spriteIcon("BookOpen");
export const BookmarkPlus = spriteIcon("BookmarkPlus");
export const Building2 = spriteIcon("Building2");
export const ChartColumn = spriteIcon("ChartColumn");
export const Check = spriteIcon("Check");
export const ChevronDown = spriteIcon("ChevronDown");
export const ClipboardList = spriteIcon("ClipboardList");
export const Copy = spriteIcon("Copy");
export const FileUp = spriteIcon("FileUp");
export const GitBranch = spriteIcon("GitBranch");
export const GitFork = spriteIcon("GitFork");
export const GitPullRequestArrow = spriteIcon("GitPullRequestArrow");
export const Globe = spriteIcon("Globe");
export const Headset = spriteIcon("Headset");
export const History = spriteIcon("History");
export const Inbox = spriteIcon("Inbox");
export const KeyRound = spriteIcon("KeyRound");
export const LayoutDashboard = spriteIcon("LayoutDashboard");
export const LayoutGrid = spriteIcon("LayoutGrid");
export const List = spriteIcon("List");
export const ListChecks = spriteIcon("ListChecks");
export const Lock = spriteIcon("Lock");
export const LogOut = spriteIcon("LogOut");
export const Monitor = spriteIcon("Monitor");
export const Moon = spriteIcon("Moon");
export const MoreHorizontal = spriteIcon("MoreHorizontal");
export const PenLine = spriteIcon("PenLine");
export const Pencil = spriteIcon("Pencil");
export const Play = spriteIcon("Play");
export const PlayCircle = spriteIcon("PlayCircle");
export const Plus = spriteIcon("Plus");
export const Search = spriteIcon("Search");
export const Server = spriteIcon("Server");
export const Settings = spriteIcon("Settings");
export const Sun = spriteIcon("Sun");
export const Trash2 = spriteIcon("Trash2");
export const Users = spriteIcon("Users");
export const UsersRound = spriteIcon("UsersRound");
export const Workflow = spriteIcon("Workflow");
export const Wrench = spriteIcon("Wrench");
export const X = spriteIcon("X");
