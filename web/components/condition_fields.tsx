/**
 * One condition of an alert rule in the rule form: a threshold on a series
 * (operator, value, the newest value or an aggregate over a window, how long
 * it must hold, a deadband) or the series going without new data.
 *
 * @module
 */
import { OPS } from "../lib/alerts.ts";
import { type Agg, AGGS, type ConditionDraft, type DraftErrors } from "../lib/rule_draft.ts";
import { FieldError, invalid } from "./field_error.tsx";
import { SeriesPicker } from "./series_picker.tsx";

const AGG_TEXT: Record<Agg, string> = {
  last: "newest",
  avg: "average",
  min: "minimum",
  max: "maximum",
};

/** Props of {@link ConditionFields}. */
export interface ConditionFieldsProps {
  index: number;
  condition: ConditionDraft;
  errors: DraftErrors;
  onChange: (c: ConditionDraft) => void;
  /** Absent for a rule's only condition. */
  onRemove?: () => void;
}

/** The fields of condition `index`. */
export function ConditionFields(
  { index, condition: c, errors, onChange, onRemove }: ConditionFieldsProps,
) {
  const at = `conditions.${index}`;
  const set = (patch: Partial<ConditionDraft>) => onChange({ ...c, ...patch });
  const text = (field: keyof ConditionDraft) => ({
    name: `${at}.${field}`,
    value: c[field] as string,
    onInput: (e: Event) => set({ [field]: (e.currentTarget as HTMLInputElement).value }),
    ...invalid(errors, `${at}.${field}`),
  });
  return (
    <fieldset class="stack condition" data-condition={index}>
      <legend>Condition {index + 1}</legend>
      <SeriesPicker
        label="Series"
        selected={c.series ? [c.series] : []}
        onChange={(keys) => set({ series: keys.at(-1) ?? "" })}
      />
      <FieldError errors={errors} field={`${at}.series`} />
      <div class="row">
        <label>
          Condition type
          <select
            value={c.type}
            onChange={(e) => set({ type: e.currentTarget.value as ConditionDraft["type"] })}
          >
            <option value="threshold">Threshold</option>
            <option value="stale">No new data</option>
          </select>
        </label>
        {c.type === "stale"
          ? (
            <label>
              Minutes without new data
              <input type="number" min={1} max={10080} required {...text("minutes")} />
              <FieldError errors={errors} field={`${at}.minutes`} />
            </label>
          )
          : (
            <>
              <label>
                Reading
                <select
                  value={c.agg}
                  onChange={(e) => set({ agg: e.currentTarget.value as Agg })}
                >
                  {AGGS.map((a) => <option key={a} value={a}>{AGG_TEXT[a]}</option>)}
                </select>
              </label>
              {c.agg === "last" ? null : (
                <label>
                  Window
                  <input placeholder="1 h" {...text("window")} />
                  <FieldError errors={errors} field={`${at}.window`} />
                </label>
              )}
              <label>
                Operator
                <select
                  value={c.op}
                  onChange={(e) => set({ op: e.currentTarget.value as ConditionDraft["op"] })}
                >
                  {OPS.map((o) => <option key={o} value={o}>{o.replace("_", " ")}</option>)}
                </select>
              </label>
              <label>
                Value
                <input inputMode="decimal" required {...text("value")} />
                <FieldError errors={errors} field={`${at}.value`} />
              </label>
            </>
          )}
      </div>
      {c.type === "threshold"
        ? (
          <div class="row">
            <label>
              For (optional)
              <input placeholder="15 min" {...text("for")} />
              <FieldError errors={errors} field={`${at}.for`} />
            </label>
            <label>
              Deadband (optional)
              <input inputMode="decimal" placeholder="0" {...text("deadband")} />
              <FieldError errors={errors} field={`${at}.deadband`} />
            </label>
          </div>
        )
        : null}
      {onRemove
        ? <button type="button" class="danger" onClick={onRemove}>Remove condition</button>
        : null}
    </fieldset>
  );
}
