/**
 * The built-in dashboards, defined as code: "ERCOT overview" and "Prices".
 * Each is a {@link Board} with a fixed uid; every panel is a VizSpec.
 *
 * @module
 */
import { NotFoundError } from "../../domain/errors.ts";
import type { Board, BoardPanel } from "../model.ts";
import { ERCOT_OVERVIEW } from "./overview.ts";
import { ERCOT_PRICES } from "./prices.ts";

/** The two built-in boards, by name. */
export { ERCOT_OVERVIEW, ERCOT_PRICES };

/** Every built-in board, in the order they are listed. */
export const BUILTIN_BOARDS: readonly Board[] = [ERCOT_OVERVIEW, ERCOT_PRICES];

/** A built-in board by uid; throws {@link NotFoundError} naming an unknown one. */
export function findBuiltin(uid: string): Board {
  const board = BUILTIN_BOARDS.find((b) => b.uid === uid);
  if (!board) throw new NotFoundError(`Built-in dashboard "${uid}" not found`);
  return board;
}

/** A built-in panel with the board it comes from. */
export interface AvailablePanel extends BoardPanel {
  board: { uid: string; title: string };
}

/** Every built-in panel, board by board, in board order. */
export function availablePanels(): AvailablePanel[] {
  return BUILTIN_BOARDS.flatMap((b) =>
    b.panels.map((p) => ({ ...p, board: { uid: b.uid, title: b.title } }))
  );
}
