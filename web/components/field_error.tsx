/**
 * A message beside one form field, and the attributes that tie the field to
 * it (`aria-invalid`, `aria-describedby`), so the problem reads where it is.
 *
 * @module
 */

/** The id of a field's message, from its name (`conditions.0.for`). */
const errorId = (field: string) => `err-${field.replaceAll(".", "-")}`;

/** Attributes for an input whose message is `errors[field]`. */
export function invalid(errors: Record<string, string>, field: string) {
  return errors[field]
    ? { "aria-invalid": true as const, "aria-describedby": errorId(field) }
    : { "aria-invalid": false as const };
}

/** The field's message; nothing when it is fine. */
export function FieldError({ errors, field }: { errors: Record<string, string>; field: string }) {
  const message = errors[field];
  if (!message) return null;
  return <span class="field-error" id={errorId(field)} data-field={field}>{message}</span>;
}
