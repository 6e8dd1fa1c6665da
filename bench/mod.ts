/**
 * `deno task bench [name ...]`: runs every `bench/*_bench.ts` (or the named
 * ones) one after another, each in its own process, and prints their figures.
 *
 * @module
 */

const dir = new URL("./", import.meta.url);

async function main(names: string[]): Promise<number> {
  const all = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith("_bench.ts"))
    .sort();
  const chosen = names.length ? all.filter((n) => names.some((x) => n.startsWith(x))) : all;
  if (chosen.length === 0) {
    console.error(`bench: no benchmark matches ${names.join(", ")}; there are ${all.join(", ")}`);
    return 2;
  }
  let failed = 0;
  for (const name of chosen) {
    console.log(`\n== ${name}`);
    const { code } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL(name, dir).pathname],
      stdout: "inherit",
      stderr: "inherit",
    }).output();
    if (code !== 0) failed++;
  }
  return failed ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
