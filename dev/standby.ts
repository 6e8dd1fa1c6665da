/**
 * A private PostgreSQL 15 primary with a streaming standby made by
 * `pg_basebackup`, on free loopback ports, in a temp folder: for the read
 * replica tests and benchmark. Uses Debian's binaries in
 * `/usr/lib/postgresql/15/bin`, run as the `postgres` OS user when we are
 * root. Never touches the shared servers.
 *
 * @module
 */

/** Where Debian's PostgreSQL 15 binaries live. */
export const PG15_BIN = "/usr/lib/postgresql/15/bin";

/** Why a standby cluster cannot be started here, or undefined when it can. */
export function standbyUnavailable(bin = PG15_BIN): string | undefined {
  for (const name of ["initdb", "pg_ctl", "pg_basebackup"]) {
    try {
      if (!Deno.statSync(`${bin}/${name}`).isFile) return `${bin}/${name} is not a file`;
    } catch {
      return `${bin}/${name} not found`;
    }
  }
  return undefined;
}

/** A running primary and standby; `close()` stops both and removes their folder. */
export interface StandbyCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` of the primary. */
  primaryUrl: string;
  /** The same of the standby. */
  standbyUrl: string;
  /** A loopback URL nothing listens on. */
  unreachableUrl: string;
  /** Stops the standby (`fast`: its connections are closed). */
  stopStandby(): Promise<void>;
  /** Starts the standby again and waits until it accepts connections. */
  startStandby(): Promise<void>;
  /**
   * Freezes the standby (SIGSTOP to its postmaster and every backend): connections stay open
   * and connects are accepted by the kernel, but nothing answers, as on a hung host.
   */
  freezeStandby(): Promise<void>;
  /** Lets a frozen standby run again (SIGCONT). */
  thawStandby(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a primary (`wal_level=replica`) and a hot standby streaming from it
 * through a replication slot.
 *
 * @example
 * const cluster = await startStandbyCluster();
 * try { ... } finally { await cluster.close(); }
 */
export async function startStandbyCluster(
  opts: { bin?: string } = {},
): Promise<StandbyCluster> {
  const bin = opts.bin ?? PG15_BIN;
  const root = await Deno.makeTempDir({ prefix: "ercot_standby_" });
  const [primaryPort, standbyPort, unusedPort] = freePorts(3);
  const primary = `${root}/primary`, standby = `${root}/standby`;
  const pg = (name: string, args: string[]) =>
    Deno.uid() === 0
      ? run("runuser", ["-u", "postgres", "--", `${bin}/${name}`, ...args])
      : run(`${bin}/${name}`, args);
  const start = (data: string, port: number) =>
    pg("pg_ctl", [
      "-D",
      data,
      "-l",
      `${data}.log`,
      "-o",
      `-p ${port} -k ${root} -c listen_addresses=127.0.0.1`,
      "-w",
      "start",
    ]);
  const stop = (data: string, mode: string) => pg("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
  const running = (data: string) => exists(`${data}/postmaster.pid`);
  const close = async () => {
    for (const data of [standby, primary]) {
      if (await running(data)) await stop(data, "immediate").catch(() => {});
    }
    await Deno.remove(root, { recursive: true }).catch(() => {});
  };
  try {
    if (Deno.uid() === 0) {
      const uid = Number((await run("id", ["-u", "postgres"])).trim());
      const gid = Number((await run("id", ["-g", "postgres"])).trim());
      await Deno.chown(root, uid, gid);
    }
    await pg("initdb", ["-D", primary, "-A", "trust", "-U", "postgres", "--no-sync"]);
    await Deno.writeTextFile(
      `${primary}/postgresql.conf`,
      [
        "wal_level = replica",
        "hot_standby = on",
        "max_wal_senders = 4",
        "max_replication_slots = 4",
        "fsync = off",
        "full_page_writes = off",
        "max_connections = 60",
        "",
      ].join("\n"),
      { append: true },
    );
    await start(primary, primaryPort);
    await pg("pg_basebackup", [
      "-h",
      "127.0.0.1",
      "-p",
      String(primaryPort),
      "-U",
      "postgres",
      "-D",
      standby,
      "-R",
      "-X",
      "stream",
      "-C",
      "-S",
      "standby_1",
      "--no-sync",
    ]);
    await start(standby, standbyPort);
  } catch (err) {
    await close();
    throw err;
  }
  const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    primaryUrl: url(primaryPort),
    standbyUrl: url(standbyPort),
    unreachableUrl: url(unusedPort),
    stopStandby: async () => void await stop(standby, "fast"),
    startStandby: async () => void await start(standby, standbyPort),
    freezeStandby: () => signalCluster(standby, "SIGSTOP"),
    thawStandby: () => signalCluster(standby, "SIGCONT"),
    close: async () => {
      await signalCluster(standby, "SIGCONT").catch(() => {});
      await close();
    },
  };
}

/** Sends `signal` to the postmaster of `data` and then to each of its processes. */
async function signalCluster(data: string, signal: Deno.Signal): Promise<void> {
  const postmaster = Number((await Deno.readTextFile(`${data}/postmaster.pid`)).split("\n")[0]);
  const kill = (pid: number) => {
    try {
      Deno.kill(pid, signal);
    } catch {
      // Gone since it was listed.
    }
  };
  kill(postmaster);
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after its ")".
    const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`).catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid === postmaster) kill(Number(entry.name));
  }
}

function freePorts(n: number): number[] {
  const listeners = Array.from(
    { length: n },
    () => Deno.listen({ hostname: "127.0.0.1", port: 0 }),
  );
  const ports = listeners.map((l) => l.addr.port);
  for (const l of listeners) l.close();
  return ports;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, {
    args,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(60_000),
  }).output();
  const dec = new TextDecoder();
  if (!out.success) {
    throw new Error(`${cmd} ${args.join(" ")} failed: ${dec.decode(out.stderr).trim()}`);
  }
  return dec.decode(out.stdout);
}
