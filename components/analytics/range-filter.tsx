"use client";
// Date range links (30 / 90 days / all time). Buckets are days in the viewer's zone, which only
// the browser knows: the zone goes into the URL (tz=…) and the server buckets by it.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { ANALYTICS_RANGES, RANGE_LABELS, type AnalyticsRange } from "@/lib/analytics/analytics.validation";
import { cn } from "@/lib/cn";
import { runtimeTimeZone } from "@/lib/time/format";

export function RangeFilter({ range, tz }: { range: AnalyticsRange; tz: string }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const router = useRouter();
  const href = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search.toString());
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    return `${pathname}?${next.toString()}`;
  };
  useEffect(() => {
    const zone = runtimeTimeZone();
    if (zone !== tz) router.replace(href({ tz: zone }), { scroll: false });
    // Once per zone the page was rendered with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tz]);
  return (
    <nav aria-label="Date range" className="inline-flex rounded-md border border-border bg-surface p-0.5">
      {ANALYTICS_RANGES.map((r) => (
        <Link
          key={r}
          href={href({ range: r })}
          scroll={false}
          aria-current={r === range ? "true" : undefined}
          className={cn("rounded px-3 py-1.5 text-sm font-medium", r === range ? "bg-brand-600 text-white" : "text-fg-muted hover:bg-muted hover:text-fg")}
        >
          {RANGE_LABELS[r]}
        </Link>
      ))}
    </nav>
  );
}
