// Every built-in flow, as seeded, can be run: started, read back as a typed session view (the
// structure parses at the JSON boundary) and turned into a ticket note.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { seedDefaultFlows } from "@/lib/db/seed";
import { getFlowDetail } from "@/lib/flows/queries";
import { getSessionView } from "@/lib/sessions/queries";
import { startSession } from "@/lib/sessions/sessions.actions";
import { buildTicketExports } from "@/lib/sessions/ticket";
import { createTenant } from "@/tests/helpers/factories";
import { as, ok } from "@/tests/helpers/published-flows";

describe("built-in flows", () => {
  it("each one starts, reads back typed, and makes a ticket note", async () => {
    await seedDefaultFlows(db);
    const t = await createTenant();
    const flows = await db.flow.findMany({ where: { isDefault: true }, select: { id: true, name: true, type: true } });
    expect(flows.length).toBeGreaterThanOrEqual(11);
    for (const flow of flows) {
      const detail = await getFlowDetail(t.engineer, flow.id);
      expect(detail.size, flow.name).toBeGreaterThan(0);
      const { id } = ok(await as(t.engineer, () => startSession({ flowId: flow.id })));
      const view = await getSessionView(t.engineer, id);
      expect(view.flowType, flow.name).toBe(flow.type);
      expect(view.currentNodeId, flow.name).not.toBeNull();
      expect(buildTicketExports(view).text, flow.name).toContain(flow.name);
    }
  });
});
