/**
 * Picks series from the catalog: a search box (combobox with a listbox of
 * matches, arrow keys and Enter; words match in any order, "no match" said
 * plainly) and the chosen series as removable chips.
 *
 * @module
 */
import { useId, useMemo, useState } from "preact/hooks";
import { fetchCatalog, type SeriesInfo } from "../lib/data.ts";
import { formatInstant } from "../lib/format.ts";
import { searchSeries } from "../lib/series_search.ts";
import { useAsync } from "../lib/use_async.ts";
import { ErrorNote } from "./notice.tsx";

/** Props of {@link SeriesPicker}. */
export interface SeriesPickerProps {
  selected: string[];
  onChange: (keys: string[]) => void;
  /** The search box's label ("Add a series"). */
  label?: string;
}

const SHOWN = 40;

function matches(catalog: SeriesInfo[], text: string, selected: string[]): SeriesInfo[] {
  const open = catalog.filter((s) => !selected.includes(s.key));
  return searchSeries(open, text).slice(0, SHOWN);
}

/** The picker. */
export function SeriesPicker({ selected, onChange, label = "Add a series" }: SeriesPickerProps) {
  const catalog = useAsync(() => fetchCatalog(), []);
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = useId();
  const found = useMemo(
    () => matches(catalog.data ?? [], text, selected),
    [catalog.data, text, selected],
  );
  const add = (key: string) => {
    onChange([...selected, key]);
    setText("");
    setActive(0);
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((a) => Math.min(Math.max(a + step, 0), Math.max(found.length - 1, 0)));
    } else if (e.key === "Enter" && open && found[active]) {
      e.preventDefault();
      add(found[active].key);
    } else if (e.key === "Escape") setOpen(false);
  };
  const byKey = new Map((catalog.data ?? []).map((s) => [s.key, s]));
  return (
    <div class="picker">
      <ul class="chips" aria-label="Chosen series">
        {selected.map((k) => (
          <li key={k} class="chip">
            <span title={byKey.get(k)?.name}>{k}</span>
            <button
              type="button"
              aria-label={`Remove ${k}`}
              onClick={() => onChange(selected.filter((s) => s !== k))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <label for={`${id}-q`}>{label}</label>
      <input
        id={`${id}-q`}
        type="text"
        role="combobox"
        autoComplete="off"
        placeholder="Search: west price, gen., load forecast"
        aria-expanded={open && found.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={open && found[active] ? `${id}-${active}` : undefined}
        value={text}
        onInput={(e) => (setText(e.currentTarget.value), setOpen(true), setActive(0))}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKey}
      />
      <ErrorNote message={catalog.error} />
      {catalog.data && text.trim() && !found.length
        ? (
          <p class="field-error" role="status">
            {searchSeries(catalog.data, text).length
              ? `Every series matching "${text.trim()}" is already chosen`
              : `No series match "${text.trim()}"`}
          </p>
        )
        : null}
      {open && found.length
        ? (
          <ul id={`${id}-list`} role="listbox" class="listbox" aria-label="Matching series">
            {found.map((s, i) => (
              <li
                key={s.key}
                id={`${id}-${i}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => (e.preventDefault(), add(s.key))}
              >
                <strong>{s.key}</strong> <span>{s.name}</span>{" "}
                <span class="muted">
                  {s.unit}, to {formatInstant(s.last)}
                  {s.stale ? " (stale)" : ""}
                </span>
              </li>
            ))}
          </ul>
        )
        : null}
    </div>
  );
}
