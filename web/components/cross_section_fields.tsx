/**
 * What a panel added by hand shows: series over time, or a cross-section table of a price
 * family (every settlement point at the end of the range, or the top N points over the range),
 * with the choices the VizSpec `cross_section` takes.
 *
 * @module
 */
import {
  FAMILIES,
  type Family,
  POINT_TYPES,
  type PointType,
  RANK_AGGS,
  type RankAgg,
} from "../../domain/cross_section.ts";
import type { VizSpec } from "../lib/dashboards.ts";
import { Choice } from "./choice.tsx";

/** What the panel shows. */
export type PanelKind = "series" | "at" | "top";

type CrossSpec = NonNullable<VizSpec["cross_section"]>;

/** The form's cross-section choices: a ranking's are kept while another kind is shown. */
export type CrossChoice =
  & Pick<CrossSpec, "family">
  & Required<NonNullable<CrossSpec["top"]>>
  // Empty: every kind of point.
  & { type: NonNullable<CrossSpec["type"]> | "" };

/** The choices a new form starts with. */
export const FIRST_CHOICE: CrossChoice = {
  family: "spp.rt",
  type: "",
  n: 10,
  agg: "avg",
  order: "desc",
};

const FAMILY_NAMES: Record<Family, string> = {
  "spp.rt": "Real-time settlement point prices",
  "spp.da": "Day-ahead settlement point prices",
  "lmp.rt": "Real-time LMPs (SCED)",
};
const TYPE_NAMES: Record<PointType, string> = {
  hub: "Hubs",
  zone: "Load zones and DC ties",
  node: "Nodes",
};
/** Each kind of point in a title: one of them, and several. */
const TYPE_WORDS: Record<PointType | "", [string, string]> = {
  "": ["point", "points"],
  hub: ["hub", "hubs"],
  zone: ["load zone or DC tie", "load zones and DC ties"],
  node: ["node", "nodes"],
};
const AGG_NAMES: Record<RankAgg, string> = { avg: "average", max: "maximum", min: "minimum" };

/** The VizSpec `cross_section` of the choices, for a panel of `kind` `at` or `top`. */
export function crossSection(
  kind: Exclude<PanelKind, "series">,
  c: CrossChoice,
): NonNullable<VizSpec["cross_section"]> {
  const type = c.type === "" ? {} : { type: c.type };
  return kind === "top"
    ? { family: c.family, ...type, top: { n: c.n, agg: c.agg, order: c.order } }
    : { family: c.family, ...type };
}

/** The default title of a cross-section panel, in words. */
export function crossTitle(kind: Exclude<PanelKind, "series">, c: CrossChoice): string {
  const [one, several] = TYPE_WORDS[c.type];
  const family = FAMILY_NAMES[c.family];
  if (kind === "at") return `${family}: every ${one}`;
  const rank = c.order === "desc" ? "Highest" : "Lowest";
  return `${rank} ${c.n} ${several} by ${AGG_NAMES[c.agg]}: ${family}`;
}

/** The "Show" choice. */
export function KindField(
  { kind, onChange }: { kind: PanelKind; onChange: (kind: PanelKind) => void },
) {
  return (
    <Choice
      label="Show"
      name="panel-kind"
      value={kind}
      options={[
        ["series", "Series over time"],
        ["at", "Every point at the end of the range (table)"],
        ["top", "Top points over the range (table)"],
      ]}
      onChange={onChange}
    />
  );
}

/** The cross-section's family, kind of point and, for a ranking, its size, aggregate and order. */
export function CrossSectionFields(
  { kind, choice, onChange }: {
    kind: Exclude<PanelKind, "series">;
    choice: CrossChoice;
    onChange: (c: CrossChoice) => void;
  },
) {
  const set = (patch: Partial<CrossChoice>) => onChange({ ...choice, ...patch });
  return (
    <div class="row">
      <Choice
        label="Prices"
        name="panel-family"
        value={choice.family}
        options={FAMILIES.map((f) => [f, FAMILY_NAMES[f]] as const)}
        onChange={(family) => set({ family })}
      />
      <Choice<PointType | "">
        label="Points"
        name="panel-point-type"
        value={choice.type}
        options={[["", "Every point"], ...POINT_TYPES.map((t) => [t, TYPE_NAMES[t]] as const)]}
        onChange={(type) => set({ type })}
      />
      {kind === "top"
        ? (
          <>
            {/* No min or max: the form's own message names the bounds (manual_panel.tsx). */}
            <label>
              How many
              <input
                type="number"
                name="panel-top-n"
                value={choice.n}
                onInput={(e) => set({ n: e.currentTarget.valueAsNumber })}
              />
            </label>
            <Choice
              label="By"
              name="panel-top-agg"
              value={choice.agg}
              options={RANK_AGGS.map((a) => [a, AGG_NAMES[a]] as const)}
              onChange={(agg) => set({ agg })}
            />
            <Choice
              label="Order"
              name="panel-top-order"
              value={choice.order}
              options={[["desc", "highest first"], ["asc", "lowest first"]]}
              onChange={(order) => set({ order })}
            />
          </>
        )
        : null}
    </div>
  );
}
