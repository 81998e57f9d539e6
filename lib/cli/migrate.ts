// npm run db:migrate: apply prisma/migrations and add any new built-in flows, on
// DIRECT_DATABASE_URL (else DATABASE_URL, else the embedded database). Never seeds the demo
// account into a DATABASE_URL (npm run db:seed does that when asked).
import { openLocalDatabase, prepareDatabase } from "../db/local";

try {
  const database = await openLocalDatabase();
  try {
    const { applied, builtInFlowsAdded } = await prepareDatabase(database, { seedDemo: false, log: console.log });
    console.log(applied.length ? `${applied.length} migration(s) applied.` : "Database schema up to date.");
    if (builtInFlowsAdded) console.log(`${builtInFlowsAdded} built-in flow(s) added.`);
  } finally {
    await database.stop();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
