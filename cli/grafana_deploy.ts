/**
 * `deno task grafana:deploy [--uid <uid> ...]` — pushes the built-in
 * dashboards (or those named) to `GRAFANA_URL` with the service-account token
 * `GRAFANA_TOKEN`, into the "ERCOT Analytics" folder, overwriting: running it
 * again only bumps the versions. Prints one line per dashboard with its URL
 * and version. Exit 0; 1 when Grafana refuses or cannot be reached; 2 on bad
 * usage or missing configuration.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { BUILTIN_BOARDS, findBuiltin } from "../dashboards/builtin/mod.ts";
import { createGrafanaClient, type DeployResult } from "../dashboards/grafana/deploy.ts";
import { ConfigError, NotFoundError, ValidationError } from "../domain/errors.ts";

const USAGE = "Usage: deno task grafana:deploy [--uid <uid> ...]";

/** The dashboards named on the command line, or every built-in one. */
export function parseDeployArgs(args: string[]): string[] {
  let values: { uid?: string[] };
  try {
    ({ values } = parseArgs({
      args,
      options: { uid: { type: "string", multiple: true } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ValidationError(`${(err as Error).message.split("\n")[0]}. ${USAGE}`);
  }
  return values.uid ?? BUILTIN_BOARDS.map((b) => b.uid);
}

/**
 * Deploys the boards with these uids, in order.
 *
 * @example await deployCommand(["ercot-overview"], { url, token })
 */
export async function deployCommand(
  uids: string[],
  opts: { url?: string; token?: string; fetch?: typeof fetch },
): Promise<DeployResult[]> {
  if (!opts.url || !opts.token) {
    throw new ConfigError("Grafana is not configured: set GRAFANA_URL and GRAFANA_TOKEN");
  }
  const boards = uids.map(findBuiltin);
  const client = createGrafanaClient({ url: opts.url, token: opts.token, fetch: opts.fetch });
  const results: DeployResult[] = [];
  for (const board of boards) results.push(await client.deploy(board));
  return results;
}

if (import.meta.main) {
  try {
    const uids = parseDeployArgs(Deno.args);
    const config = loadConfig(Deno.env.toObject());
    const results = await deployCommand(uids, {
      url: config.grafanaUrl,
      token: config.grafanaToken,
    });
    for (const r of results) console.log(`${r.uid} v${r.version} ${r.url}`);
  } catch (err) {
    console.error(`grafana:deploy: ${(err as Error).message}`);
    const usage = err instanceof ValidationError || err instanceof ConfigError ||
      err instanceof NotFoundError;
    Deno.exit(usage ? 2 : 1);
  }
}
