import { Label } from "radix-ui";
import { cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

type ControlProps = { "aria-describedby"?: string; "aria-invalid"?: boolean | "true" | "false" };

/**
 * Label + control + help text + error messages, wired for screen readers: the control (the
 * single child) is described by its help text or its errors, and marked invalid with errors.
 */
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
  const hasErrors = Boolean(errors?.length);
  const describedBy = hasErrors ? `${id}-error` : help ? `${id}-help` : undefined;
  const control = isValidElement<ControlProps>(children)
    ? cloneElement(children as ReactElement<ControlProps>, {
        "aria-describedby": [children.props["aria-describedby"], describedBy].filter(Boolean).join(" ") || undefined,
        "aria-invalid": hasErrors || children.props["aria-invalid"] || undefined,
      })
    : children;
  return (
    <div className="space-y-1.5">
      <Label.Root htmlFor={id} className="block text-sm font-medium text-fg">
        {label}
      </Label.Root>
      {control}
      {help && !hasErrors && <p id={`${id}-help`} className="text-xs text-fg-muted">{help}</p>}
      {/* The first problem only: "Enter your email" and "Enter a valid email" together are noise. */}
      {hasErrors && (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {errors![0]}
        </p>
      )}
    </div>
  );
}
