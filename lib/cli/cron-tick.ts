// npm run cron:tick: one maintenance cron tick against DATABASE_URL (or the embedded
// database), the same functions the cron route and `npm start`'s timer run (schedules, then the
// webhook outbox). Prints its result.
import { openLocalDatabase } from "../db/local";

const database = await openLocalDatabase();
try {
  process.env.DATABASE_URL = database.url;
  const [{ runDueSchedules }, { drainWebhooksForTick }, { createPrismaClient }] = await Promise.all([import("../maintenance/run-due"), import("../webhooks/tick"), import("../db/prisma")]);
  const db = createPrismaClient();
  try {
    console.log(JSON.stringify({ ...(await runDueSchedules(db)), webhooks: await drainWebhooksForTick(db) }));
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.stop();
}
