// npm run cron:tick: one cron tick (due schedules, then the proposal sweep) against DATABASE_URL (or the embedded
// database), the same function the cron route and `npm start`'s timer run. Prints its result.
import { openLocalDatabase } from "../db/local";

const database = await openLocalDatabase();
try {
  process.env.DATABASE_URL = database.url;
  const [{ runDueSchedules }, { sweepUnanalysedSessions }, { createPrismaClient }] = await Promise.all([import("../maintenance/run-due"), import("../proposals/analyse"), import("../db/prisma")]);
  const db = createPrismaClient();
  try {
    const schedules = await runDueSchedules(db);
    console.log(JSON.stringify({ ...schedules, proposals: await sweepUnanalysedSessions(db) }));
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.stop();
}
