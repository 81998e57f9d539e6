import { ProblemBox, problemLinkClass } from "@/components/flow-editor/problem-box";
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
    <ProblemBox role={live ? "status" : undefined} title={title ?? (issues.length === 1 ? "Fix this problem:" : `Fix these ${issues.length} problems:`)}>
      {issues.map((issue, index) => {
        const name = issue.nodeId && nameOf ? nameOf(issue.nodeId) : null;
        return (
          <li key={`${issue.path}-${index}`}>
            {issue.nodeId && name && onSelect ? (
              <button type="button" onClick={() => onSelect(issue.nodeId!)} className={`${problemLinkClass} align-top`}>
                <span className="font-medium">{name}:</span> {issue.message}
              </button>
            ) : (
              issue.message
            )}
          </li>
        );
      })}
    </ProblemBox>
  );
}
