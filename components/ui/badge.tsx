import type { HTMLAttributes } from "react";
import { cn } from "@/lib/cn";

// The looks are component classes in app/globals.css (.badge, .badge-<tone>).
const tones = {
  neutral: "badge-neutral",
  brand: "badge-brand",
  green: "badge-green",
  amber: "badge-amber",
  red: "badge-red",
} as const;

export function Badge({ tone = "neutral", className, ...props }: HTMLAttributes<HTMLSpanElement> & { tone?: keyof typeof tones }) {
  return <span className={cn("badge", tones[tone], className)} {...props} />;
}
