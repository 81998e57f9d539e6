// Lucide icons as references into one sprite (public/icons.svg, cached by the browser) instead of
// inline paths: a library page shows ~100 icons, and their inline SVG came to ~50 KB of every
// list page's HTML. The sprite is generated from lucide-react by `npm run icons:sprite`
// (lib/cli/icon-sprite.ts); tests/unit/icon-sprite.test.ts fails when it is out of date.
// Same props as a lucide icon for what this app uses (className, aria-*, style).
import type { SVGProps } from "react";

/** Every icon the sprite holds, by its lucide-react name (also its symbol id). */
export const SPRITE_ICON_NAMES = [
  "Activity", "AlertCircle", "AlertTriangle", "ArrowDown", "ArrowLeft", "ArrowRight", "ArrowUp", "Ban",
  "BarChart3", "Bell", "BookOpen", "BookmarkPlus", "Bot", "Braces", "Building2", "CalendarClock",
  "ChartColumn", "Check", "CheckCircle2", "ChevronDown", "ChevronLeft", "ChevronRight", "ChevronsDownUp",
  "ChevronsUpDown", "Circle", "CircleArrowUp", "CircleCheck", "CircleDashed", "CircleHelp", "CircleMinus",
  "CircleX", "ClipboardCopy", "ClipboardList", "Clock", "Copy", "CornerDownRight", "Download", "Eye",
  "FileCode", "FileDown", "FileJson", "FileText", "FileUp", "Flag", "GitBranch", "GitFork",
  "GitPullRequestArrow", "Globe", "GripVertical", "Headset", "History", "Inbox", "Info", "KeyRound",
  "Keyboard", "Layers", "LayoutDashboard", "LayoutGrid", "LifeBuoy", "List", "ListChecks", "ListPlus",
  "Loader2", "Lock", "LogOut", "Monitor", "Moon", "MoreHorizontal", "PartyPopper", "Pause", "PenLine",
  "Pencil", "Play", "PlayCircle", "Plus", "Printer", "RefreshCw", "RotateCcw", "Save", "Search", "Send",
  "Server", "Settings", "Settings2", "ShieldCheck", "SkipForward", "Sparkles", "StepForward", "Sun",
  "Table2", "Terminal", "ThumbsDown", "ThumbsUp", "Trash2", "TriangleAlert", "Undo2", "Unlink", "User",
  "Users", "UsersRound", "Variable", "Workflow", "Wrench", "X", "XCircle",
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

export const Activity = spriteIcon("Activity");
export const AlertCircle = spriteIcon("AlertCircle");
export const AlertTriangle = spriteIcon("AlertTriangle");
export const ArrowDown = spriteIcon("ArrowDown");
export const ArrowLeft = spriteIcon("ArrowLeft");
export const ArrowRight = spriteIcon("ArrowRight");
export const ArrowUp = spriteIcon("ArrowUp");
export const Ban = spriteIcon("Ban");
export const BarChart3 = spriteIcon("BarChart3");
export const Bell = spriteIcon("Bell");
export const BookOpen = spriteIcon("BookOpen");
export const BookmarkPlus = spriteIcon("BookmarkPlus");
export const Bot = spriteIcon("Bot");
export const Braces = spriteIcon("Braces");
export const Building2 = spriteIcon("Building2");
export const CalendarClock = spriteIcon("CalendarClock");
export const ChartColumn = spriteIcon("ChartColumn");
export const Check = spriteIcon("Check");
export const CheckCircle2 = spriteIcon("CheckCircle2");
export const ChevronDown = spriteIcon("ChevronDown");
export const ChevronLeft = spriteIcon("ChevronLeft");
export const ChevronRight = spriteIcon("ChevronRight");
export const ChevronsDownUp = spriteIcon("ChevronsDownUp");
export const ChevronsUpDown = spriteIcon("ChevronsUpDown");
export const Circle = spriteIcon("Circle");
export const CircleArrowUp = spriteIcon("CircleArrowUp");
export const CircleCheck = spriteIcon("CircleCheck");
export const CircleDashed = spriteIcon("CircleDashed");
export const CircleHelp = spriteIcon("CircleHelp");
export const CircleMinus = spriteIcon("CircleMinus");
export const CircleX = spriteIcon("CircleX");
export const ClipboardCopy = spriteIcon("ClipboardCopy");
export const ClipboardList = spriteIcon("ClipboardList");
export const Clock = spriteIcon("Clock");
export const Copy = spriteIcon("Copy");
export const CornerDownRight = spriteIcon("CornerDownRight");
export const Download = spriteIcon("Download");
export const Eye = spriteIcon("Eye");
export const FileCode = spriteIcon("FileCode");
export const FileDown = spriteIcon("FileDown");
export const FileJson = spriteIcon("FileJson");
export const FileText = spriteIcon("FileText");
export const FileUp = spriteIcon("FileUp");
export const Flag = spriteIcon("Flag");
export const GitBranch = spriteIcon("GitBranch");
export const GitFork = spriteIcon("GitFork");
export const GitPullRequestArrow = spriteIcon("GitPullRequestArrow");
export const Globe = spriteIcon("Globe");
export const GripVertical = spriteIcon("GripVertical");
export const Headset = spriteIcon("Headset");
export const History = spriteIcon("History");
export const Inbox = spriteIcon("Inbox");
export const Info = spriteIcon("Info");
export const KeyRound = spriteIcon("KeyRound");
export const Keyboard = spriteIcon("Keyboard");
export const Layers = spriteIcon("Layers");
export const LayoutDashboard = spriteIcon("LayoutDashboard");
export const LayoutGrid = spriteIcon("LayoutGrid");
export const LifeBuoy = spriteIcon("LifeBuoy");
export const List = spriteIcon("List");
export const ListChecks = spriteIcon("ListChecks");
export const ListPlus = spriteIcon("ListPlus");
export const Loader2 = spriteIcon("Loader2");
export const Lock = spriteIcon("Lock");
export const LogOut = spriteIcon("LogOut");
export const Monitor = spriteIcon("Monitor");
export const Moon = spriteIcon("Moon");
export const MoreHorizontal = spriteIcon("MoreHorizontal");
export const PartyPopper = spriteIcon("PartyPopper");
export const Pause = spriteIcon("Pause");
export const PenLine = spriteIcon("PenLine");
export const Pencil = spriteIcon("Pencil");
export const Play = spriteIcon("Play");
export const PlayCircle = spriteIcon("PlayCircle");
export const Plus = spriteIcon("Plus");
export const Printer = spriteIcon("Printer");
export const RefreshCw = spriteIcon("RefreshCw");
export const RotateCcw = spriteIcon("RotateCcw");
export const Save = spriteIcon("Save");
export const Search = spriteIcon("Search");
export const Send = spriteIcon("Send");
export const Server = spriteIcon("Server");
export const Settings = spriteIcon("Settings");
export const Settings2 = spriteIcon("Settings2");
export const ShieldCheck = spriteIcon("ShieldCheck");
export const SkipForward = spriteIcon("SkipForward");
export const Sparkles = spriteIcon("Sparkles");
export const StepForward = spriteIcon("StepForward");
export const Sun = spriteIcon("Sun");
export const Table2 = spriteIcon("Table2");
export const Terminal = spriteIcon("Terminal");
export const ThumbsDown = spriteIcon("ThumbsDown");
export const ThumbsUp = spriteIcon("ThumbsUp");
export const Trash2 = spriteIcon("Trash2");
export const TriangleAlert = spriteIcon("TriangleAlert");
export const Undo2 = spriteIcon("Undo2");
export const Unlink = spriteIcon("Unlink");
export const User = spriteIcon("User");
export const Users = spriteIcon("Users");
export const UsersRound = spriteIcon("UsersRound");
export const Variable = spriteIcon("Variable");
export const Workflow = spriteIcon("Workflow");
export const Wrench = spriteIcon("Wrench");
export const X = spriteIcon("X");
export const XCircle = spriteIcon("XCircle");
