// npm run db:seed: migrate, then write the demo account (public password!) once, into
// DATABASE_URL or the embedded database. Asked for explicitly, so it may go anywhere.
import { openLocalDatabase, prepareDatabase } from "../db/local";

try {
  const database = await openLocalDatabase();
  try {
    const { demoSeeded } = await prepareDatabase(database, { seedDemo: true, log: console.log });
    console.log(demoSeeded ? "Demo data seeded." : "Demo data already present.");
  } finally {
    await database.stop();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
