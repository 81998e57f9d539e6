// Which variables the "Session variables" panel lists, and which still need a value.
import type { VariableDefinition } from "@/lib/flows/variables";
import type { VariableValues } from "@/lib/sessions/variables";

export type PanelVariable = VariableDefinition & { unknown: boolean };

const isFilled = (values: VariableValues, key: string) => typeof values[key] === "string" && values[key].trim() !== "";

/** Defined variables first (in their order), then keys the flow references without defining them. */
export function panelVariables(definitions: VariableDefinition[], referenced: string[]): PanelVariable[] {
  const defined = new Set(definitions.map((d) => d.key));
  const unknown = [...new Set(referenced)].filter((key) => !defined.has(key));
  return [
    ...definitions.map((d) => ({ ...d, unknown: false })),
    ...unknown.map((key) => ({
      key, label: key, fieldType: "text" as const, helpText: "Used by this flow but not defined in it.", options: [], required: false, default: "", unknown: true,
    })),
  ];
}

export const unfilledVariables = (variables: PanelVariable[], values: VariableValues) => variables.filter((v) => !isFilled(values, v.key));

/** Required and still empty: the soft warning when completing. */
export const missingRequired = (variables: PanelVariable[], values: VariableValues) => variables.filter((v) => v.required && !isFilled(values, v.key));
