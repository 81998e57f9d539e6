import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiDocs } from "@/components/api/api-docs";
import { Card, CardHeader } from "@/components/ui/card";
import { API_KEYS_ROLE } from "@/lib/api/access";
import { openApiDocument } from "@/lib/api/openapi";
import { requirePageUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "API docs" };

export default async function ApiDocsPage() {
  await requirePageUser(API_KEYS_ROLE);
  const host = (await headers()).get("host") ?? "localhost:3000";
  const origin = process.env.APP_URL ?? `http://${host}`;
  return (
    <Card>
      <CardHeader title="REST API" description="Every operation of /api/v1, from the same schemas the API checks requests with." />
      <ApiDocs document={openApiDocument()} origin={origin.replace(/\/$/, "")} />
    </Card>
  );
}
