import { Search } from "@/components/ui/icons";
import type { InputHTMLAttributes } from "react";
import { cn } from "@/lib/cn";
import { Input } from "./input";

/** A search box with its magnifier icon (type="search"). */
export function SearchInput({ className, wrapperClassName, ...props }: InputHTMLAttributes<HTMLInputElement> & { wrapperClassName?: string }) {
  return (
    <div className={cn("relative", wrapperClassName)}>
      <Search className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 text-fg-muted" aria-hidden />
      <Input type="search" className={cn("pl-9", className)} {...props} />
    </div>
  );
}
