/**
 * `/signin` and `/register`: email and password forms. After success the
 * browser goes to `?next=` (a path on this site) or the overview.
 *
 * @module
 */
import { useState } from "preact/hooks";
import { ErrorNote } from "../components/notice.tsx";
import { register, signIn } from "../lib/auth.ts";
import { messageOf } from "../lib/http.ts";
import { currentLocation, navigate } from "../lib/router.ts";
import { useStore } from "../lib/store.ts";

function nextPath(query: URLSearchParams): string {
  const next = query.get("next") ?? "/";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

/** The sign-in or registration page, by path. */
export default function SignInPage() {
  const loc = useStore(currentLocation);
  const creating = loc.path === "/register";
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const next = nextPath(loc.query);

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    setBusy(true);
    setError(undefined);
    try {
      await (creating ? register(email, password) : signIn(email, password));
      navigate(next, { replace: true });
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  const other = creating ? "/signin" : "/register";
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>{creating ? "Create an account" : "Sign in"}</h1>
      <form class="stack" onSubmit={submit}>
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={creating ? "new-password" : "current-password"}
            minLength={creating ? 12 : undefined}
            required
            aria-describedby={creating ? "password-hint" : undefined}
          />
        </label>
        {creating
          ? <p id="password-hint" class="muted">12 to 256 characters, not a well-known password.</p>
          : null}
        <ErrorNote message={error} />
        <button type="submit" class="primary" disabled={busy}>
          {creating ? "Create account" : "Sign in"}
        </button>
      </form>
      <p>
        {creating ? "Have an account? " : "New here? "}
        <a href={`${other}?next=${encodeURIComponent(next)}`}>
          {creating ? "Sign in" : "Create an account"}
        </a>
      </p>
    </section>
  );
}
