/**
 * Web Worker that computes argon2id so a hash never blocks the server's event
 * loop. It takes one job at a time: `{ op: "hash", password, memoryKiB, iterations,
 * parallelism }` or `{ op: "verify", password, encoded }`, and answers `{ value }` or `{ error }`.
 *
 * @module
 */
import { argon2id, argon2Verify } from "hash-wasm";

/** A job sent to this worker. */
export type Argon2Job =
  | {
    op: "hash";
    password: string;
    memoryKiB: number;
    iterations: number;
    parallelism: number;
  }
  | { op: "verify"; password: string; encoded: string };

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<Argon2Job>) => void) | null;
  postMessage(message: unknown): void;
};

async function run(job: Argon2Job): Promise<string | boolean> {
  if (job.op === "verify") {
    return await argon2Verify({ password: job.password, hash: job.encoded });
  }
  return await argon2id({
    password: job.password,
    salt: crypto.getRandomValues(new Uint8Array(16)),
    memorySize: job.memoryKiB,
    iterations: job.iterations,
    parallelism: job.parallelism,
    hashLength: 32,
    outputType: "encoded",
  });
}

scope.onmessage = async (event) => {
  const job = event.data;
  try {
    scope.postMessage({ value: await run(job) });
  } catch (err) {
    scope.postMessage({ error: String((err as Error)?.message ?? err) });
  }
};
