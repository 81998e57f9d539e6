import { Label } from "radix-ui";
import type { ReactNode } from "react";

/** Label + control + help text + error messages, wired for screen readers. */
export function Field({
  id,
  label,
  help,
  errors,
  children,
}: {
  id: string;
  label: string;
  help?: ReactNode;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      <Label.Root htmlFor={id} className="block text-sm font-medium text-fg">
        {label}
      </Label.Root>
      {children}
      {help && !errors?.length && <p className="text-xs text-fg-muted">{help}</p>}
      {errors?.map((error) => (
        <p key={error} id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      ))}
    </div>
  );
}
