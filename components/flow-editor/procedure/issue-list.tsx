import { AlertTriangle } from "lucide-react";
import type { StructureIssue } from "@/lib/flows/structure";

/**
 * Problems with the procedure. Issues about one item can be links that select it (`onSelect`),
 * labelled with `nameOf` so the engineer knows where to look.
 */
export function IssueList({
  issues,
  title,
  onSelect,
  nameOf,
  live,
}: {
  issues: StructureIssue[];
  title?: string;
  onSelect?: (nodeId: string) => void;
  nameOf?: (nodeId: string) => string | null;
  /** Announce changes to screen readers (for the summary, not for per-step repeats). */
  live?: boolean;
}) {
  if (issues.length === 0) return null;
  return (
    <div role={live ? "status" : undefined} className="rounded-md border border-red-300 bg-red-50 px-3 py-2.5 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200">
      <p className="flex items-center gap-1.5 font-medium">
        <AlertTriangle className="h-4 w-4 shrink-0" aria-hidden />
        {title ?? (issues.length === 1 ? "Fix this problem:" : `Fix these ${issues.length} problems:`)}
      </p>
      <ul className="mt-1 space-y-0.5 pl-5.5">
        {issues.map((issue, index) => {
          const name = issue.nodeId && nameOf ? nameOf(issue.nodeId) : null;
          return (
            <li key={`${issue.path}-${index}`} className="list-disc">
              {issue.nodeId && name && onSelect ? (
                <button
                  type="button"
                  onClick={() => onSelect(issue.nodeId!)}
                  className="cursor-pointer align-top text-left underline decoration-red-400 underline-offset-2 hover:decoration-2"
                >
                  <span className="font-medium">{name}:</span> {issue.message}
                </button>
              ) : (
                issue.message
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
