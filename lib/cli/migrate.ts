// npm run db:migrate: apply prisma/migrations to DATABASE_URL (or the embedded database).
import { openLocalDatabase } from "../db/local";
import { migrate } from "../db/migrate";

const database = await openLocalDatabase();
try {
  const applied = await migrate(database.url, { log: console.log });
  console.log(applied.length ? `${applied.length} migration(s) applied.` : "Database schema up to date.");
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.stop();
}
