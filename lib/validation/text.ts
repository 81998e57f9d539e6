// The one text schema for everything a person (or a client) sends: every zod string in the
// action and route schemas starts from `text()`. PostgreSQL refuses NUL in text and jsonb, and
// a lone UTF-16 surrogate in jsonb, so such input used to fail deep inside a query as an
// internal error; here it is refused up front with a message on the field. Other control
// characters (escape sequences, bell, C1 codes) have no business in a title, note or command
// either and are refused the same way. Tab, newline and carriage return stay allowed.
import { z } from "zod";

/** A control character other than tab/newline/CR, or half of a broken surrogate pair. */
export const CONTROL_CHARACTER = /(?![\t\n\r])[\p{Cc}\p{Cs}]/u;

export const CONTROL_CHARACTER_MESSAGE = "Remove the control characters (such as NUL) from this text.";

export const hasNoControlCharacters = (value: string) => !CONTROL_CHARACTER.test(value);

/**
 * A string without control characters. Chain the usual checks after it:
 * `text("Enter a name.").trim().min(1, "Enter a name.").max(120, "Use at most 120 characters.")`.
 * The optional message is the one shown when the value is not a string at all.
 */
export function text(typeMessage?: string) {
  return z.string(typeMessage ? { message: typeMessage } : undefined).refine(hasNoControlCharacters, CONTROL_CHARACTER_MESSAGE);
}

/** Free search text from a URL (`?q=`): trimmed, bounded, refused (not silently dropped) when it holds control characters. */
export function searchText(max: number) {
  return text().trim().max(max, `Search text has at most ${max} characters.`);
}
