// npm run cron:tick: one maintenance cron tick against DATABASE_URL (or the embedded
// database), the same function the cron route and `npm start`'s timer run. Prints its result.
import { openLocalDatabase } from "../db/local";

const database = await openLocalDatabase();
try {
  process.env.DATABASE_URL = database.url;
  const [{ runDueSchedules }, { createPrismaClient }] = await Promise.all([import("../maintenance/run-due"), import("../db/prisma")]);
  const db = createPrismaClient();
  try {
    console.log(JSON.stringify(await runDueSchedules(db)));
  } finally {
    await db.$disconnect();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await database.stop();
}
