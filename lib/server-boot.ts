// Called from instrumentation.ts when a Node.js server starts (never during `next build`): a
// production server whose environment it cannot work with (no way to send mail, no auth
// secret, …) refuses to start, with the reasons, instead of failing on the first sign-up.
import { bootProblems } from "@/lib/env";

export function checkEnvironmentAtBoot(): void {
  const problems = bootProblems();
  if (problems.length === 0) return;
  const report = `ResolutionFlow cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`;
  if (process.env.NODE_ENV !== "production") {
    console.warn(report);
    return;
  }
  console.error(report);
  process.exit(1);
}
