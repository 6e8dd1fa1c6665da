/**
 * `deno task user:create [--admin | --role <admin|user|viewer>] [--password-stdin] <email>`:
 * creates an account in the configured database. The password is the first
 * line of standard input when `--password-stdin` is given or input is not a
 * terminal; at a terminal it is asked for twice, without echo.
 *
 * Exit codes: 0 on success, 1 when the account cannot be created (taken email,
 * weak password, database unreachable), 2 for bad usage; failures print one
 * line on stderr.
 *
 * @example echo "$PASSWORD" | deno task user:create --admin ops@example.com
 *
 * @module
 */
import { loadConfig } from "../config.ts";
import { prepareDatabase } from "../db/setup.ts";
import { AppError, ValidationError } from "../domain/errors.ts";
import { type Role, ROLES } from "../domain/principal.ts";
import type { AuthService } from "../auth/service.ts";
import { createAuthService } from "../auth/service.ts";

const USAGE =
  "usage: deno task user:create [--admin | --role admin|user|viewer] [--password-stdin] <email>";

/** Parsed command line. */
export interface UserCreateArgs {
  email: string;
  role: Role;
  passwordStdin: boolean;
}

/** Parses the arguments; throws {@link ValidationError} with the usage line. */
export function parseUserCreateArgs(args: string[]): UserCreateArgs {
  let role: Role = "user";
  let passwordStdin = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--admin") role = "admin";
    else if (a === "--password-stdin") passwordStdin = true;
    else if (a === "--role") {
      const value = args[++i];
      if (!(ROLES as readonly string[]).includes(value)) {
        throw new ValidationError(`Role "${value ?? ""}" is not admin, user or viewer; ${USAGE}`);
      }
      role = value as Role;
    } else if (a.startsWith("--")) throw new ValidationError(`Unknown option ${a}; ${USAGE}`);
    else rest.push(a);
  }
  if (rest.length !== 1) throw new ValidationError(`Give exactly one email; ${USAGE}`);
  return { email: rest[0], role, passwordStdin };
}

/** Creates the account; returns the line to print. */
export async function runUserCreate(
  args: UserCreateArgs,
  deps: { auth: Pick<AuthService, "createUser">; readPassword: () => Promise<string> },
): Promise<string> {
  const password = await deps.readPassword();
  const user = await deps.auth.createUser({ email: args.email, password, role: args.role });
  return `Created ${user.role} ${user.email} (${user.id})`;
}

/** The first line of a stream, without its line ending. */
export async function firstLine(stream: ReadableStream<Uint8Array>): Promise<string> {
  const text = await new Response(stream).text();
  return text.split(/\r?\n/)[0];
}

async function readHidden(label: string): Promise<string> {
  const encoder = new TextEncoder();
  await Deno.stdout.write(encoder.encode(label));
  Deno.stdin.setRaw(true);
  const bytes: number[] = [];
  try {
    const buf = new Uint8Array(1);
    while (await Deno.stdin.read(buf) === 1 && buf[0] !== 13 && buf[0] !== 10) {
      if (buf[0] === 3) throw new ValidationError("Cancelled");
      if (buf[0] === 127 || buf[0] === 8) bytes.pop();
      else bytes.push(buf[0]);
    }
  } finally {
    Deno.stdin.setRaw(false);
    await Deno.stdout.write(encoder.encode("\n"));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

async function promptPassword(): Promise<string> {
  const first = await readHidden("Password: ");
  if (first !== await readHidden("Again: ")) throw new ValidationError("Passwords do not match");
  return first;
}

async function main(argv: string[]): Promise<number> {
  let args: UserCreateArgs;
  try {
    args = parseUserCreateArgs(argv);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const config = loadConfig(Deno.env.toObject());
  const { db } = await prepareDatabase(config);
  try {
    const auth = createAuthService({ sql: db.sql, config, clock: () => new Date() });
    const fromStdin = args.passwordStdin || !Deno.stdin.isTerminal();
    const readPassword = fromStdin ? () => firstLine(Deno.stdin.readable) : promptPassword;
    console.log(await runUserCreate(args, { auth, readPassword }));
    return 0;
  } finally {
    await db.close();
  }
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (err) {
    const message = err instanceof AppError ? err.message : String((err as Error)?.message ?? err);
    console.error(`user:create: ${message}`);
    Deno.exit(1);
  }
}
