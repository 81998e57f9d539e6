// The notice a page shows after requirePageUser sent someone away from a page their role may
// not open (`?denied=<the role the page needs>`). L1 techs see it on /l1, where they land.
import { Alert } from "@/components/ui/alert";

const NEEDS: Record<string, string> = {
  owner: "That page is for the account owner.",
  admin: "That page is for account owners and admins.",
  engineer: "That page is for engineers, admins and owners.",
};

export function DeniedNotice({ denied }: { denied?: string }) {
  if (!denied) return null;
  return <Alert tone="error">{NEEDS[denied] ?? "You don't have access to that page."}</Alert>;
}
