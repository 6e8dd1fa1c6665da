/**
 * Password policy and argon2id hashing. Hashes run in Web Workers
 * (`_argon2_worker.ts`), so one login never stalls other requests; workers
 * start on demand and end as soon as no hash is pending, leaving nothing
 * running between logins.
 *
 * @module
 */
import { ValidationError } from "../domain/errors.ts";
import { COMMON_PASSWORDS } from "./common_passwords.ts";
import type { Argon2Job } from "./_argon2_worker.ts";

/** Argon2id cost parameters. */
export interface Argon2Cost {
  /** Memory in KiB (`m`). */
  memoryKiB: number;
  /** Passes (`t`). */
  iterations: number;
  /** Lanes (`p`). */
  parallelism: number;
}

/** The production cost: OWASP's argon2id minimum, m = 19 MiB, t = 2, p = 1. */
export const ARGON2_COST: Readonly<Argon2Cost> = Object.freeze({
  memoryKiB: 19_456,
  iterations: 2,
  parallelism: 1,
});

/** Shortest and longest password accepted, in characters. */
export const PASSWORD_LENGTH = { min: 12, max: 256 } as const;

/** Hashes and verifies passwords without blocking the event loop. */
export interface PasswordHasher {
  /** An encoded hash: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`. */
  hash(password: string): Promise<string>;
  /** Whether `password` matches an encoded hash. */
  verify(password: string, encoded: string): Promise<boolean>;
}

/**
 * Throws {@link ValidationError} unless the password is 12 to 256 characters,
 * not a well-known password and not the account's email.
 */
export function checkPasswordPolicy(password: string, email?: string): void {
  const length = [...password].length;
  if (length < PASSWORD_LENGTH.min || length > PASSWORD_LENGTH.max) {
    throw new ValidationError(
      `Password must be ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters, got ${length}`,
      { parameter: "password" },
    );
  }
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || (email !== undefined && lower === email.toLowerCase())) {
    throw new ValidationError("Password is too common; choose another", { parameter: "password" });
  }
}

interface Pending {
  job: Argon2Job;
  resolve: (value: string | boolean) => void;
  reject: (err: Error) => void;
}

/** Options for {@link createPasswordHasher}. */
export interface PasswordHasherOptions {
  /** Web Workers hashing at once (2). */
  workers?: number;
  /**
   * Cost of new hashes ({@link ARGON2_COST}). Only tests lower it, to spend
   * milliseconds rather than a production hash per sign-up; `verify()` always
   * uses the cost recorded in the hash it checks.
   */
  cost?: Argon2Cost;
}

/**
 * Creates a hasher backed by up to `workers` (2) Web Workers.
 *
 * @example
 * const hasher = createPasswordHasher();
 * const encoded = await hasher.hash("a long passphrase");
 * await hasher.verify("a long passphrase", encoded); // true
 */
export function createPasswordHasher(opts: PasswordHasherOptions = {}): PasswordHasher {
  const size = opts.workers ?? 2;
  if (!Number.isInteger(size) || size < 1) {
    throw new ValidationError(`Password hasher workers must be a positive integer, got ${size}`);
  }
  const cost = checkCost(opts.cost ?? ARGON2_COST);
  const pool = new WorkerPool(size);
  return {
    hash: async (password) => String(await pool.run({ op: "hash", password, ...cost })),
    verify: async (password, encoded) =>
      (await pool.run({ op: "verify", password, encoded })) === true,
  };
}

/** Argon2 needs t ≥ 1, p ≥ 1 and m ≥ 8·p KiB; anything else fails at construction. */
function checkCost(cost: Argon2Cost): Argon2Cost {
  const { memoryKiB, iterations, parallelism } = cost;
  const whole = [memoryKiB, iterations, parallelism].every((v) => Number.isInteger(v) && v >= 1);
  if (!whole || memoryKiB < 8 * parallelism) {
    throw new ValidationError(
      `Argon2 cost must be whole numbers with memoryKiB >= 8 * parallelism, got ` +
        `m=${memoryKiB}, t=${iterations}, p=${parallelism}`,
    );
  }
  return { memoryKiB, iterations, parallelism };
}

class WorkerPool {
  #idle: Worker[] = [];
  #running = new Map<Worker, Pending>();
  #queue: Pending[] = [];

  constructor(readonly size: number) {}

  run(job: Argon2Job): Promise<string | boolean> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#queue.length > 0 && (this.#idle.length > 0 || this.#running.size < this.size)) {
      const worker = this.#idle.pop() ?? this.#spawn();
      const pending = this.#queue.shift()!;
      this.#running.set(worker, pending);
      worker.postMessage(pending.job);
    }
    if (this.#queue.length === 0 && this.#running.size === 0) {
      for (const worker of this.#idle.splice(0)) worker.terminate();
    }
  }

  #spawn(): Worker {
    const worker = new Worker(new URL("./_argon2_worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<{ value?: string | boolean; error?: string }>) => {
      const pending = this.#running.get(worker);
      this.#running.delete(worker);
      this.#idle.push(worker);
      const { value, error } = event.data;
      if (error !== undefined) pending?.reject(new Error(`Argon2 failed: ${error}`));
      else pending?.resolve(value!);
      this.#pump();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      const pending = this.#running.get(worker);
      this.#running.delete(worker);
      pending?.reject(new Error(`Argon2 worker failed: ${event.message}`));
      this.#pump();
    };
    return worker;
  }
}
