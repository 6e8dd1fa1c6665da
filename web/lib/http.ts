/**
 * Plain HTTP helpers below authentication: the error every failed API call
 * becomes, carrying the problem+json `detail` users are shown.
 *
 * @module
 */

/** A failed API call: `message` is the problem's `detail` (or its title). */
export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The request parameter at fault, when the problem names one. */
  readonly parameter?: string;

  constructor(status: number, message: string, parameter?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.parameter = parameter;
  }
}

/** The error a non-2xx response stands for, read from its problem+json body. */
export async function problemOf(res: Response): Promise<ApiError> {
  let detail = `${res.status} ${res.statusText}`.trim();
  let parameter: string | undefined;
  try {
    const body = await res.json();
    detail = body.detail || body.title || detail;
    parameter = body.parameter;
  } catch {
    // Not JSON (a proxy's error page): the status line says enough.
  }
  return new ApiError(res.status, detail, parameter);
}

/** `fetch` that turns a network failure into an {@link ApiError} with status 0. */
export async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "The server cannot be reached; check your connection");
  }
}

/** The message to show for any error: the API's detail, or the error's own message. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
