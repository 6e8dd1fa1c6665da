/**
 * Boards as Grafana dashboards, built with `@grafana/grafana-foundation-sdk`.
 * Every panel reads our PostgreSQL through the `grafana-postgresql-datasource`
 * with the `rawSql` of `dashboards/queries.ts`; boards whose panels bind a
 * settlement point get `hub` / `zone` template variables; the grid-condition
 * annotation reads `grid_status`. Output is deterministic: fixed uids, panel
 * ids in board order, keys sorted, no timestamps — the same board always
 * renders to the same bytes.
 *
 * A panel whose own range is relative and differs from the board's gets a
 * `timeFrom` override; an absolute panel range cannot be one in Grafana, so
 * such a panel follows the dashboard's time picker.
 *
 * @module
 */
import {
  AnnotationQueryBuilder,
  CustomVariableBuilder,
  type Dashboard as GrafanaDashboard,
  DashboardBuilder,
  DashboardCursorSync,
} from "@grafana/grafana-foundation-sdk/dashboard";
import { type Board, boardVariables, type VariableDef } from "../model.ts";
import { DATASOURCE, gridConditionSql, pgQuery } from "../queries.ts";
import { grafanaRefresh, grafanaTime, panelBuilder } from "./_panels.ts";

/** The Grafana dashboard model the SDK builds (schema v1). */
export type { GrafanaDashboard };

/** The folder our dashboards live in, in Grafana. */
export const GRAFANA_FOLDER = { uid: "ercot", title: "ERCOT Analytics" } as const;

/**
 * A board as a Grafana dashboard model.
 *
 * @example const model = toGrafanaDashboard(ERCOT_OVERVIEW);
 */
export function toGrafanaDashboard(board: Board): GrafanaDashboard {
  const builder = new DashboardBuilder(board.title)
    .uid(board.uid)
    .tags([...board.tags])
    .timezone("America/Chicago")
    .tooltip(DashboardCursorSync.Crosshair)
    .time(grafanaTime(board.defaultRange));
  if (board.description) builder.description(board.description);
  if (board.refreshSeconds !== null) builder.refresh(grafanaRefresh(board.refreshSeconds));
  for (const variable of boardVariables(board)) builder.withVariable(variableBuilder(variable));
  if (board.annotations?.includes("grid_condition")) {
    builder.annotation(
      new AnnotationQueryBuilder()
        .name("Grid condition")
        .datasource({ ...DATASOURCE })
        .enable(true)
        .iconColor("red")
        .target(pgQuery("Annotations", gridConditionSql(), "table")),
    );
  }
  board.panels.forEach((panel, i) => {
    builder.withPanel(panelBuilder(panel, i + 1, board.defaultRange));
  });
  return builder.build();
}

/**
 * A board as Grafana dashboard JSON: keys sorted, two-space indent, a final
 * newline. Byte-identical for the same board.
 */
export function toGrafanaJson(board: Board): string {
  return `${stableJson(toGrafanaDashboard(board))}\n`;
}

/**
 * JSON with object keys sorted at every depth; `undefined` members and
 * functions are left out, as `JSON.stringify` does.
 *
 * @example stableJson({ b: 1, a: [{ d: 2, c: 3 }] }) // keys a, b; c, d
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined && typeof member !== "function") out[key] = sortKeys(member);
  }
  return out;
}

function variableBuilder(variable: VariableDef): CustomVariableBuilder {
  const [first] = variable.options;
  return new CustomVariableBuilder(variable.name)
    .label(variable.label)
    .values(variable.options.join(","))
    .current({ selected: true, text: first, value: first })
    .options(variable.options.map((o) => ({ selected: o === first, text: o, value: o })))
    .multi(false)
    .includeAll(false)
    .allowCustomValue(false);
}
