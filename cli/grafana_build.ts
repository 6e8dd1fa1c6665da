/**
 * `deno task grafana:build --out <dir> [--database-url <url>] [--dashboards-path <path>]
 * [--timescale]` — writes Grafana provisioning files for the built-in
 * dashboards: the datasource (as the read-only `grafana_reader` role), the
 * dashboard provider and one JSON file per dashboard. Where Grafana reaches
 * the database comes from `--database-url`, else `DATABASE_URL`; no password
 * is written (Grafana reads `GRAFANA_READER_PASSWORD`). The output is the same
 * bytes every run. Exit 0, or 2 on bad usage.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { BUILTIN_BOARDS } from "../dashboards/builtin/mod.ts";
import {
  databaseTarget,
  provisioningFiles,
  writeProvisioning,
} from "../dashboards/grafana/provisioning.ts";
import { ValidationError } from "../domain/errors.ts";

const USAGE = "Usage: deno task grafana:build --out <dir> [--database-url <url>] " +
  "[--dashboards-path <path>] [--timescale]";

/** The parsed command line. */
export interface BuildArgs {
  out: string;
  databaseUrl?: string;
  dashboardsPath?: string;
  timescale: boolean;
}

/** Reads the command line; bad usage is a `ValidationError` ending with the usage. */
export function parseBuildArgs(args: string[]): BuildArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        out: { type: "string" },
        "database-url": { type: "string" },
        "dashboards-path": { type: "string" },
        timescale: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ValidationError(`${(err as Error).message.split("\n")[0]}. ${USAGE}`);
  }
  if (typeof values.out !== "string" || !values.out) {
    throw new ValidationError(`--out is required. ${USAGE}`);
  }
  return {
    out: values.out,
    databaseUrl: values["database-url"] as string | undefined,
    dashboardsPath: values["dashboards-path"] as string | undefined,
    timescale: values.timescale === true,
  };
}

/**
 * Writes the files; returns the paths written.
 *
 * @example await buildCommand(parseBuildArgs(["--out", "grafana"]), undefined)
 */
export async function buildCommand(args: BuildArgs, configDatabaseUrl?: string): Promise<string[]> {
  const files = provisioningFiles({
    database: databaseTarget(args.databaseUrl ?? configDatabaseUrl),
    boards: BUILTIN_BOARDS,
    dashboardsPath: args.dashboardsPath,
    timescale: args.timescale,
  });
  return await writeProvisioning(args.out, files);
}

if (import.meta.main) {
  try {
    const args = parseBuildArgs(Deno.args);
    const written = await buildCommand(args, loadConfig(Deno.env.toObject()).databaseUrl);
    for (const path of written) console.log(path);
  } catch (err) {
    console.error(`grafana:build: ${(err as Error).message}`);
    Deno.exit(err instanceof ValidationError ? 2 : 1);
  }
}
