// Who may manage webhooks: owners and admins of the account (the endpoints send the account's
// data out). Every query scopes by accountId inside its where; another account's endpoint or
// delivery is "not found".
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

export const WEBHOOK_ROLE: Role = "admin";

type Viewer = Pick<CurrentUser, "accountId">;

export const accountEndpointsWhere = (user: Viewer): Prisma.WebhookEndpointWhereInput => ({ accountId: user.accountId });

export const accountEndpointWhere = (user: Viewer, endpointId: string): Prisma.WebhookEndpointWhereInput => ({ id: endpointId, accountId: user.accountId });

export const accountDeliveryWhere = (user: Viewer, deliveryId: string): Prisma.WebhookDeliveryWhereInput => ({ id: deliveryId, endpoint: { accountId: user.accountId } });
