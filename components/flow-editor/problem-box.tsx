import { TriangleAlert } from "@/components/ui/icons";
import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "@/lib/cn";

/** Classes for a problem that is a link to its node, step or field. */
export const problemLinkClass = "cursor-pointer text-left underline decoration-red-400 underline-offset-2 hover:decoration-2";

/**
 * The red box that lists a flow's problems, in both editors: a title with a warning icon, the
 * problems as list items (`children`, each an <li>), and an optional footer (e.g. "Show all").
 * Role and labels pass through, so each use says what it is to screen readers.
 */
export function ProblemBox({
  title,
  titleId,
  footer,
  children,
  className,
  ...rest
}: { title: ReactNode; titleId?: string; footer?: ReactNode; children: ReactNode } & HTMLAttributes<HTMLDivElement>) {
  return (
    <div {...rest} className={cn("rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200", className)}>
      <p id={titleId} className="flex items-center gap-1.5 font-medium">
        <TriangleAlert className="h-4 w-4 shrink-0" aria-hidden />
        {title}
      </p>
      <ul className="mt-1.5 list-disc space-y-1 pl-5">{children}</ul>
      {footer}
    </div>
  );
}
