// npm run db:seed: write the demo data once (DATABASE_URL or the embedded database).
import { openLocalDatabase } from "../db/local";
import { migrate } from "../db/migrate";

const database = await openLocalDatabase();
try {
  await migrate(database.url);
  process.env.DATABASE_URL = database.url;
  const { createPrismaClient } = await import("../db/prisma");
  const db = createPrismaClient();
  const { seedDemo } = await import("../db/seed");
  console.log((await seedDemo(db)) ? "Demo data seeded." : "Demo data already present.");
  await db.$disconnect();
} finally {
  await database.stop();
}
