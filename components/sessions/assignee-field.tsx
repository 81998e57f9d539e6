// "Assign to": the optional assignee of a prepared session, a batch's sessions or a schedule's.
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";

export function AssigneeField({ id, value, onChange, members, help, errors }: {
  id: string;
  value: string;
  onChange: (assigneeId: string) => void;
  members: { id: string; name: string }[];
  help?: string;
  errors?: string[];
}) {
  return (
    <Field id={id} label="Assign to" help={help} errors={errors}>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Unassigned (my team)</option>
        {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
      </Select>
    </Field>
  );
}
