/**
 * Where tests find ERCOT payloads: real recordings, read in place from
 * `FIXTURES_DIR` (default `../shared/fixtures/ercot` beside the repo), and
 * the hand-written files in `tests/fixtures/`.
 *
 * @module
 */
import { fixturesDir } from "../dev/recordings.ts";

export { fixturesDir };

/**
 * Path of one recording (relative to the recordings folder), or null after a
 * loud warning when the folder is absent, so a test can `ignore` itself.
 */
export function recording(relative: string): string | null {
  const dir = fixturesDir();
  if (dir === null) {
    console.warn(`SKIPPED: tests reading ${relative}: FIXTURES_DIR not found`);
    return null;
  }
  return `${dir}/${relative}`;
}

/** Bytes of a recording; call only from a test that is not ignored. */
export function readRecording(path: string | null): Uint8Array {
  if (path === null) throw new Error("Recording is absent: the test should have been ignored");
  return Deno.readFileSync(path);
}

/** Bytes of a hand-written file in `tests/fixtures/`. */
export function handWritten(name: string): Uint8Array {
  return Deno.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
}

/** UTF-8 bytes of inline test text. */
export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
