/**
 * Resilience for calls to other services: deadlines, retries with jittered
 * exponential backoff, `Retry-After` (delta-seconds and HTTP-date) and a
 * circuit breaker. It imports nothing else of ours; ingestion, webhook
 * deliveries and Grafana deploys build on it.
 *
 * @module
 */
export { parseRetryAfter } from "./retry_after.ts";
export { TimeoutError, withTimeout } from "./timeout.ts";
export {
  type BreakerOptions,
  breakerSettings,
  type CircuitBreaker,
  CircuitOpenError,
  type CircuitState,
  createCircuitBreaker,
} from "./breaker.ts";
export {
  type Attempt,
  type AttemptInfo,
  backoffDelay,
  type Failure,
  retry,
  type RetryOptions,
  type RetryResult,
  retrySettings,
} from "./retry.ts";
