/**
 * Explore's expression field: an expression over series keys and its label,
 * drawn as one more line once submitted. The API's parse error (which names
 * the offending token and its position) is shown beside the field.
 *
 * @module
 */
import { useEffect, useState } from "preact/hooks";
import { FieldError, invalid } from "./field_error.tsx";

/** The form; `onDraw` commits an expression (empty text removes it). */
export function ExpressionInput(
  { expr, label, error, onDraw }: {
    expr: string;
    label: string;
    /** The API's message about the expression, when reading it failed. */
    error?: string;
    onDraw: (expr: string, label: string) => void;
  },
) {
  const [text, setText] = useState(expr);
  const [name, setName] = useState(label);
  // A new link (back, forward, a shared URL) replaces what was typed.
  useEffect(() => (setText(expr), setName(label)), [expr, label]);
  const errors: Record<string, string> = error ? { expr: error } : {};
  return (
    <form
      class="controls expression"
      aria-label="Expression"
      onSubmit={(e) => (e.preventDefault(), onDraw(text.trim(), name.trim()))}
    >
      <label>
        Expression{" "}
        <input
          name="expr"
          value={text}
          size={36}
          maxLength={500}
          placeholder="spp.rt.lz_west - spp.rt.hb_west"
          onInput={(e) => setText(e.currentTarget.value)}
          {...invalid(errors, "expr")}
        />
      </label>
      <label>
        Label{" "}
        <input
          name="label"
          value={name}
          size={16}
          maxLength={80}
          placeholder="West basis"
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <button type="submit">Draw</button>
      {expr ? <button type="button" onClick={() => onDraw("", "")}>Remove</button> : null}
      <FieldError errors={errors} field="expr" />
    </form>
  );
}
