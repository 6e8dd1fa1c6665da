/**
 * The Central-time test days and checks shared by the `domain/` time tests.
 *
 * @module
 */
import type { CentralDate } from "../../domain/central.ts";
import { ParseError } from "../../domain/errors.ts";
import { assertThrowsWith } from "../_assert.ts";

/** The fall-back Sunday of 2025: 25 hours. */
export const FALL_BACK: CentralDate = { year: 2025, month: 11, day: 2 };
/** The spring-forward Sunday of 2026: 23 hours. */
export const SPRING_FORWARD: CentralDate = { year: 2026, month: 3, day: 8 };
/** A 24-hour day. */
export const ORDINARY: CentralDate = { year: 2025, month: 3, day: 13 };

/** An instant as ISO 8601 UTC. */
export const iso = (d: Date) => d.toISOString();

/** Asserts `fn` throws a ParseError whose message contains every fragment. */
export function assertParseError(fn: () => unknown, ...fragments: string[]): void {
  assertThrowsWith(fn, ParseError, ...fragments);
}
