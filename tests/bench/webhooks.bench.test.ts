// (w) Webhook outbox: draining 1,000 events to a local receiver (answers 200 at once), as one
// tick does (batches of 50, 10 sends at a time): wall time and SQL statements. Then the same
// 1,000 through a receiver that answers 500 (every delivery rescheduled), and emitting 1,000
// events (one INSERT…SELECT each).
import "./count-queries";
import { it } from "vitest";
import { db } from "@/lib/db/client";
import { drainWebhooks } from "@/lib/webhooks/drain";
import { emitWebhookEvent } from "@/lib/webhooks/emit";
import { createTenant } from "@/tests/helpers/factories";
import { startReceiver } from "@/tests/helpers/webhook-receiver";
import { countStatements } from "./count-queries";
import { ms, printTable, timed } from "./measure";

const EVENTS = 1000;
const payload = (i: number) => ({ session: { id: `s-${i}`, outcome: "resolved", notes: "Replaced the toner and printed a test page.", flow: { name: "Printer offline" } } });

it("drains 1,000 events", async () => {
  await db.webhookDelivery.updateMany({ where: { status: "pending" }, data: { status: "failed" } });
  let status = 200;
  const hooks = await startReceiver(() => ({ status }));
  try {
    const rows: (string | number)[][] = [];
    for (const answer of [200, 500]) {
      status = answer;
      const tenant = await createTenant();
      await db.webhookEndpoint.create({ data: { accountId: tenant.account.id, url: hooks.url, events: ["session.completed"], secret: "whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdHQ=" } });
      const emitted = await timed(() => countStatements(async () => {
        for (let i = 0; i < EVENTS; i++) await emitWebhookEvent(db, { accountId: tenant.account.id, type: "session.completed", payload: payload(i) });
      }));
      if (answer === 200) rows.push([`emit ${EVENTS} events (1 endpoint)`, ms(emitted.ms), emitted.result.statements.length, (emitted.result.statements.length / EVENTS).toFixed(2), "-"]);
      const before = hooks.received.length;
      const drained = await timed(() => countStatements(() => drainWebhooks(db, { allowPrivate: true })));
      const tally = drained.result.result;
      rows.push([`drain ${EVENTS}, receiver answers ${answer}`, ms(drained.ms), drained.result.statements.length, (drained.result.statements.length / EVENTS).toFixed(3), `${hooks.received.length - before} sent; ${tally.succeeded} ok, ${tally.retrying} retrying`]);
    }
    printTable("(w1) Webhook outbox, 1,000 events", ["what", "ms", "statements", "per event", "result"], rows, [
      "A drain claims 50 due deliveries per statement (FOR UPDATE SKIP LOCKED + lease), sends 10 at a time, and writes each batch's results in 2 statements (UPDATE … FROM unnest, INSERT … SELECT unnest).",
      "Statements through the app's client; BEGIN/COMMIT not counted. The receiver runs in the same process on 127.0.0.1.",
    ]);
  } finally {
    await hooks.close();
  }
});
