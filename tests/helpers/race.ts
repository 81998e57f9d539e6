// Forces concurrent requests to overlap, so a race test fails every time the rule it guards is
// broken, however the scheduler happens to run them on a busy machine.
//
// A separate connection locks the contested row. The requests are started; each runs until it
// needs to write that row and queues behind the lock (a read-then-write version has done its
// read by then). Once all of them are queued, the lock is released and they race for real.
import pg from "pg";

export async function raceOnLockedRow<T>(
  lock: { sql: string; params: unknown[] },
  requests: () => Promise<T>[],
): Promise<T[]> {
  const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  // A second connection outside any transaction: pg_stat_activity is a snapshot per transaction.
  const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await Promise.all([blocker.connect(), watcher.connect()]);
  try {
    await blocker.query("BEGIN");
    const locked = await blocker.query(lock.sql, lock.params);
    if (locked.rowCount !== 1) throw new Error(`raceOnLockedRow: the lock query matched ${locked.rowCount} rows, not 1`);
    const running = requests();
    let settled = 0;
    const all = Promise.allSettled(running.map((p) => p.finally(() => { settled += 1; })));
    // Wait for the state "every unfinished request is queued on the lock" (not for time).
    for (;;) {
      const { rows } = await watcher.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (settled === running.length || (rows[0].waiting > 0 && rows[0].waiting >= running.length - settled)) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await blocker.query("ROLLBACK");
    const results = await all;
    return results.map((r) => {
      if (r.status === "rejected") throw r.reason;
      return r.value;
    });
  } finally {
    await Promise.all([blocker.end(), watcher.end()]);
  }
}
