// Next.js calls register() once when a server starts. The environment check is Node-only
// (it may stop the process), so it is loaded only in the Node.js runtime.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkEnvironmentAtBoot } = await import("@/lib/server-boot");
  checkEnvironmentAtBoot();
}
