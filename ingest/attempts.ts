/**
 * Per-feed back-off when a source is down. A run failed by its source puts its feed in
 * back-off: the feed's ticks before `backoffUntil` are not attempted, and each
 * further failure doubles the wait, from the feed's minimum poll interval (a
 * third of its posting cadence, the polling terms) up to its cadence or an
 * hour, whichever is longer. A run that reaches the source resets it.
 *
 * The log says when a feed starts failing and when it recovers, and at most
 * once per `summaryEveryMs` which feeds are still failing, instead of a line
 * per tick.
 *
 * @example
 * ```ts
 * const attempts = createAttempts({ clock: () => new Date(), log: console.warn });
 * if (!attempts.backoffUntil("fuel_mix")) attempts.record("fuel_mix", started, summary);
 * ```
 *
 * @module
 */
import { type FeedId, FEEDS } from "./feeds/mod.ts";
import type { RunStatus } from "./job.ts";

/** Back-off settings; the defaults follow each feed's polling terms. */
export interface BackoffOptions {
  /** First wait after a failure (default: a third of the feed's cadence). */
  baseMs?: number;
  /** Longest wait (default: the feed's cadence or one hour, whichever is longer). */
  maxMs?: number;
}

/** Options of {@linkcode createAttempts}. */
export interface AttemptsOptions {
  clock: () => Date;
  log: (line: string) => void;
  backoff?: BackoffOptions;
  /** How often the feeds still failing are listed (default one hour). */
  summaryEveryMs?: number;
}

/** One feed's failure streak. */
export interface FeedAttempts {
  /** Consecutive failed runs. */
  failures: number;
  /** Start of the first failed run of the streak. */
  failingSince: Date | null;
  lastError: string | null;
  /** Ticks before this instant are not attempted. */
  backoffUntil: Date | null;
}

/** What {@linkcode createAttempts} returns. */
export interface Attempts {
  /** When `feed` may be attempted again, if it is backing off now. */
  backoffUntil(feed: FeedId): Date | null;
  /** Records a run of `feed` that started at `startedAt`. */
  record(
    feed: FeedId,
    startedAt: Date,
    run: { status: RunStatus; error?: string; failedAt?: "source" | "service" },
  ): void;
  /** Logs the feeds still failing when a summary is due. */
  summarize(): void;
  /** The streak of `feed`. */
  state(feed: FeedId): Readonly<FeedAttempts>;
}

const MINUTE = 60_000;
const OK: readonly RunStatus[] = ["success", "empty", "partial", "schema_changed"];

/** The wait after the `failures`-th consecutive failure of `feed`. */
export function backoffMs(feed: FeedId, failures: number, opts: BackoffOptions = {}): number {
  const cadence = FEEDS[feed].cadenceMinutes * MINUTE;
  const base = opts.baseMs ?? cadence / 3;
  const max = opts.maxMs ?? Math.max(cadence, 60 * MINUTE);
  if (!(base > 0) || !(max >= base)) {
    throw new TypeError(`Invalid back-off: base ${base} ms and max ${max} ms`);
  }
  return Math.min(max, base * 2 ** Math.max(0, failures - 1));
}

/** Creates the back-off ledger; bad settings throw here. */
export function createAttempts(opts: AttemptsOptions): Attempts {
  backoffMs("fuel_mix", 1, opts.backoff);
  const summaryEvery = opts.summaryEveryMs ?? 60 * MINUTE;
  if (!(summaryEvery > 0)) throw new TypeError(`Invalid summaryEveryMs: ${summaryEvery}`);
  const feeds = new Map<FeedId, FeedAttempts>();
  let lastSummary = 0;
  const fresh = (): FeedAttempts => ({
    failures: 0,
    failingSince: null,
    lastError: null,
    backoffUntil: null,
  });
  const stateOf = (feed: FeedId) => feeds.get(feed) ?? fresh();
  const failing = () => [...feeds].filter(([, s]) => s.failures > 0);

  return {
    backoffUntil(feed) {
      const until = stateOf(feed).backoffUntil;
      return until && until > opts.clock() ? until : null;
    },
    record(feed, startedAt, run) {
      const s = stateOf(feed);
      if (OK.includes(run.status)) {
        if (s.failures > 0) {
          opts.log(
            `ingest ${feed}: recovered after ${s.failures} failed attempts since ${
              s.failingSince!.toISOString()
            }`,
          );
        }
        feeds.delete(feed);
        return;
      }
      // Skipped runs, and failures of this service rather than the source, change nothing.
      if (run.status !== "failed" || run.failedAt === "service") return;
      if (s.failures === 0 && failing().length === 0) lastSummary = opts.clock().getTime();
      s.failures++;
      s.failingSince ??= startedAt;
      s.lastError = run.error ?? null;
      s.backoffUntil = new Date(startedAt.getTime() + backoffMs(feed, s.failures, opts.backoff));
      feeds.set(feed, s);
      if (s.failures === 1) {
        opts.log(
          `ingest ${feed}: failing: ${s.lastError ?? "no error given"}; backing off, ` +
            `next attempt not before ${s.backoffUntil.toISOString()}`,
        );
      }
    },
    summarize() {
      const now = opts.clock().getTime();
      const still = failing();
      if (still.length === 0 || now - lastSummary < summaryEvery) return;
      lastSummary = now;
      const list = still.map(([feed, s]) =>
        `${feed} (${s.failures} attempts since ${s.failingSince!.toISOString()}: ${s.lastError})`
      );
      opts.log(`ingest: ${still.length} feeds still failing: ${list.join("; ")}`);
    },
    state: (feed) => ({ ...stateOf(feed) }),
  };
}
