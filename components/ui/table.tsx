import type { ReactNode } from "react";

/**
 * A settings-style list table: small uppercase headers, rows divided by a border, the first
 * column aligned with the card's padding and a last, unlabelled column for row actions
 * (its header is for screen readers). Scrolls sideways on narrow screens; `relative` keeps the
 * screen-reader-only header inside the scroll area.
 */
export function ListTable({ columns, children, actions = true }: { columns: string[]; children: ReactNode; actions?: boolean }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-fg-muted">
          <tr className="border-b border-border">
            {columns.map((label, i) => (
              <th key={label} className={`${i === 0 ? "px-5" : "px-3"} py-2 font-medium`}>{label}</th>
            ))}
            {actions && <th className="px-5 py-2"><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
