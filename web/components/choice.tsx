/**
 * A labelled drop-down of fixed options: each option is its value, or a `[value, words]` pair
 * when the words a user reads differ from the value sent.
 *
 * @module
 */

/** One option: the value itself, or the value and the words shown for it. */
export type ChoiceOption<T extends string> = T | readonly [T, string];

/** See the module doc; `name` names the select in the form. */
export function Choice<T extends string>(
  { label, value, options, onChange, name }: {
    label: string;
    value: T;
    options: readonly ChoiceOption<T>[];
    onChange: (v: T) => void;
    name?: string;
  },
) {
  return (
    <label>
      {label}{" "}
      <select name={name} value={value} onChange={(e) => onChange(e.currentTarget.value as T)}>
        {options.map((o) => {
          const [v, words] = typeof o === "string" ? [o, o] : o;
          return <option key={v} value={v}>{words}</option>;
        })}
      </select>
    </label>
  );
}
