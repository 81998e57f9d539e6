// Inputs of the proposal review actions and the queue's URL filters.
import { z } from "zod";
import { text } from "@/lib/validation/text";

export const PROPOSAL_TYPES = ["new_flow", "enhancement", "branch_addition"] as const;
export const PROPOSAL_STATUSES = ["pending", "approved", "modified", "rejected", "dismissed"] as const;
export type ProposalTypeName = (typeof PROPOSAL_TYPES)[number];
export type ProposalStatusName = (typeof PROPOSAL_STATUSES)[number];

export const PROPOSAL_TYPE_LABELS: Record<ProposalTypeName, string> = {
  new_flow: "New flow",
  enhancement: "Enhancement",
  branch_addition: "Branch addition",
};
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatusName, string> = {
  pending: "Pending",
  approved: "Approved",
  modified: "Modified",
  rejected: "Rejected",
  dismissed: "Dismissed",
};

export const proposalIdField = z.string().uuid("Unknown proposal.");
export const proposalRefSchema = z.object({ proposalId: proposalIdField });
export const rejectProposalSchema = z.object({
  proposalId: proposalIdField,
  reason: text().trim().min(1, "Say why it is rejected.").max(1000, "Use at most 1000 characters."),
});

/** /proposals?type=&status=&min= (min: confidence in percent). Unknown values fall back to the defaults. */
export const proposalFiltersSchema = z.object({
  type: z.enum(PROPOSAL_TYPES).optional().catch(undefined),
  status: z.enum([...PROPOSAL_STATUSES, "all"]).default("pending").catch("pending"),
  min: z.coerce.number().int().min(0).max(100).optional().catch(undefined),
});
export type ProposalFilters = z.output<typeof proposalFiltersSchema>;
