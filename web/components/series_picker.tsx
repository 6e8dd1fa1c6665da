/**
 * Picks series from the catalog: a search box (combobox with a listbox of
 * matches, arrow keys and Enter; words match in any order, "no match" said
 * plainly) and the chosen series as removable chips. The loaded catalog (all
 * but the resource nodes) is matched at once; the server's search of every
 * series (`searchSeries`) replaces those matches when typing pauses, a page at
 * a time ("More matches").
 *
 * @module
 */
import { useEffect, useId, useMemo, useRef, useState } from "preact/hooks";
import { fetchCatalog, type SeriesInfo } from "../lib/data.ts";
import { formatInstant } from "../lib/format.ts";
import {
  matchSeries,
  SEARCH_DEBOUNCE_MS,
  searchSeries,
  type SeriesMatches,
} from "../lib/series_search.ts";
import { useAsync } from "../lib/use_async.ts";
import { messageOf } from "../lib/http.ts";
import { ErrorNote } from "./notice.tsx";

/** Props of {@link SeriesPicker}. */
export interface SeriesPickerProps {
  selected: string[];
  onChange: (keys: string[]) => void;
  /** The search box's label ("Add a series"). */
  label?: string;
}

const SHOWN = 40;

/** What the server answered for the text typed. */
interface Results extends SeriesMatches {
  text: string;
}

/**
 * The server's matches for `text`, asked once typing pauses; `more()` appends the next page.
 * `error` says why a search failed.
 */
function useSearch(text: string, selected: string[]) {
  const [results, setResults] = useState<Results>();
  const [error, setError] = useState<string>();
  const seen = useRef(new Map<string, SeriesInfo>());
  useEffect(() => {
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      searchSeries(text, { limit: SHOWN + selected.length, signal: ctl.signal }).then(
        (page) => (setResults({ ...page, text }), setError(undefined)),
        (err) => !ctl.signal.aborted && setError(messageOf(err)),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => (clearTimeout(timer), ctl.abort());
  }, [text, selected.length]);
  const more = () => {
    if (!results?.nextCursor) return;
    searchSeries(results.text, { limit: SHOWN, cursor: results.nextCursor }).then(
      (page) =>
        setResults({ ...page, text: results.text, series: [...results.series, ...page.series] }),
      (err) => setError(messageOf(err)),
    );
  };
  for (const s of results?.series ?? []) seen.current.set(s.key, s);
  return { results, error, more, seen: seen.current };
}

/** The picker. */
export function SeriesPicker({ selected, onChange, label = "Add a series" }: SeriesPickerProps) {
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [enterPending, setEnterPending] = useState(false);
  const id = useId();
  const catalog = useAsync(() => fetchCatalog(), []);
  const search = useSearch(text, selected);
  const current = search.results?.text === text ? search.results : undefined;
  const found = useMemo(
    () =>
      (current?.series ?? matchSeries(catalog.data ?? [], text))
        .filter((s) => !selected.includes(s.key)).slice(0, current ? undefined : SHOWN),
    [current, catalog.data, text, selected],
  );
  useEffect(() => {
    if (enterPending && current) {
      setEnterPending(false);
      if (found[0]) add(found[0].key);
    }
  }, [enterPending, current]);
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
    } else if (e.key === "Enter" && !current && !found.length && text.trim()) {
      // Typed faster than the search answers: add the first match when it does.
      e.preventDefault();
      setEnterPending(true);
    } else if (e.key === "Escape") setOpen(false);
  };
  const byKey = new Map([...(catalog.data ?? []).map((s) => [s.key, s] as const), ...search.seen]);
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
      <ErrorNote message={search.error ?? catalog.error} />
      {current && text.trim() && !found.length
        ? (
          <p class="field-error" role="status">
            {current.count
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
            {current?.nextCursor
              ? (
                <li
                  role="option"
                  aria-selected={false}
                  onMouseDown={(e) => (e.preventDefault(), search.more())}
                >
                  <span class="muted">More matches ({current.count} in all)</span>
                </li>
              )
              : null}
          </ul>
        )
        : null}
    </div>
  );
}
