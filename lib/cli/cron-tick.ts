// npm run cron:tick: one cron tick (lib/maintenance/tick.ts: due schedules, the proposal sweep,
// the webhook outbox) against DATABASE_URL (or the embedded database), the same function the
// cron route and `npm start`'s timer run. Prints its result.
import { openLocalDatabase } from "../db/local";

const database = await openLocalDatabase();
try {
  process.env.DATABASE_URL = database.url;
  const [{ runTick }, { createPrismaClient }] = await Promise.all([import("../maintenance/tick"), import("../db/prisma")]);
  const db = createPrismaClient();
  try {
    console.log(JSON.stringify(await runTick(db)));
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.stop();
}
