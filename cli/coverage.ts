/**
 * `deno task coverage [--feed F] [--days N] [--now <instant>]`: prints the
 * coverage gaps of the configured database: per series of feed F (default
 * every feed) and per Central-time day of the last N complete days (default
 * 7, counted back from `--now`, default the current time), the days that
 * received fewer intervals than expected, then a summary line. Exit 0 whether
 * or not there are gaps; 2 on bad usage.
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { Sql } from "../db/client.ts";
import { loadConfig } from "../config.ts";
import { prepareDatabase } from "../db/setup.ts";
import { findCoverageGaps, formatCoverage } from "../ingest/coverage.ts";
import { ValidationError } from "../domain/errors.ts";

const USAGE = "Usage: deno task coverage [--feed F] [--days N] [--now <ISO instant>]";

/** The parsed command line. */
export interface CoverageArgs {
  feed?: string;
  days: number;
  now?: Date;
}

/** Reads the command line; bad usage is a `ValidationError` ending with the usage. */
export function parseCoverageArgs(args: string[]): CoverageArgs {
  let values: { feed?: string; days?: string; now?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { feed: { type: "string" }, days: { type: "string" }, now: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ValidationError(`${(err as Error).message.split("\n")[0]}. ${USAGE}`);
  }
  const days = values.days === undefined ? 7 : Number(values.days);
  if (!Number.isInteger(days) || days < 1) {
    throw new ValidationError(`Invalid --days "${values.days}": expected a whole number ≥ 1`);
  }
  const now = values.now === undefined ? undefined : new Date(values.now);
  if (now && Number.isNaN(now.getTime())) {
    throw new ValidationError(`Invalid --now "${values.now}": expected an ISO 8601 instant`);
  }
  return { feed: values.feed, days, now };
}

/** What the command needs: a database and somewhere to print. */
export interface CoverageIo {
  sql: Sql;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

/** Runs the command on an open database; returns the exit code. */
export async function coverageCommand(args: string[], io: CoverageIo): Promise<number> {
  let report;
  try {
    report = await findCoverageGaps(io.sql, parseCoverageArgs(args));
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    io.stderr(`coverage: ${err.message}`);
    return 2;
  }
  for (const line of formatCoverage(report)) io.stdout(line);
  return 0;
}

if (import.meta.main) {
  try {
    parseCoverageArgs(Deno.args);
    const { db } = await prepareDatabase(loadConfig(Deno.env.toObject()));
    let code: number;
    try {
      code = await coverageCommand(Deno.args, {
        sql: db.sql,
        stdout: (line) => console.log(line),
        stderr: (line) => console.error(line),
      });
    } finally {
      await db.close();
    }
    Deno.exit(code);
  } catch (err) {
    console.error(`coverage: ${(err as Error).message}`);
    Deno.exit(err instanceof ValidationError ? 2 : 1);
  }
}
