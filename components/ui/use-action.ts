"use client";
// Runs a server action from a client component: one call at a time (a second click while
// pending does nothing), field errors and the error message kept for the form to show.
// `formError` is the message for the top of a form: null when it only restates a field
// error (validation messages read "field: message"), which the field shows itself.
import { useCallback, useRef, useState, useTransition } from "react";
import type { ActionResult, FieldErrors } from "@/lib/action";

export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const inFlight = useRef(false);

  const run = useCallback(
    (input: I) =>
      new Promise<ActionResult<T> | null>((resolve) => {
        if (inFlight.current) return resolve(null);
        inFlight.current = true;
        startTransition(async () => {
          try {
            const result = await action(input);
            setError(result.ok ? null : result.error);
            setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
            resolve(result);
          } catch {
            setError("Could not reach the server. Check your connection and try again.");
            resolve(null);
          } finally {
            inFlight.current = false;
          }
        });
      }),
    [action],
  );

  const restatesField = Object.entries(fieldErrors).some(([key, messages]) =>
    messages.some((message) => error === message || error === `${key}: ${message}`),
  );
  const formError = restatesField ? null : error;

  return { run, pending, error, formError, fieldErrors, setError };
}
