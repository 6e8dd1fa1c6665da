/**
 * The application shell: header with navigation, theme and account; the
 * page for the current route, loaded on first visit (code splitting); focus
 * moved to the page heading after each navigation.
 *
 * @module
 */
import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { currentUser, signOut } from "./lib/auth.ts";
import { currentLocation, match, navigate } from "./lib/router.ts";
import { useStore } from "./lib/store.ts";
import { chooseTheme, type ThemeChoice, themeChoice } from "./lib/theme.ts";
import OverviewPage from "./pages/overview.tsx";

type Page = ComponentType<{ params: Record<string, string> }>;

interface Route {
  pattern: string;
  title: string;
  load: () => Promise<{ default: Page }>;
  /** Needs a signed-in account. */
  account?: boolean;
}

const ROUTES: Route[] = [
  { pattern: "/", title: "Overview", load: () => Promise.resolve({ default: OverviewPage }) },
  { pattern: "/explore", title: "Explore", load: () => import("./pages/explore.tsx") },
  { pattern: "/dashboards", title: "Dashboards", load: () => import("./pages/dashboards.tsx") },
  {
    pattern: "/dashboards/:id",
    title: "Dashboard",
    load: () => import("./pages/dashboard.tsx"),
  },
  {
    pattern: "/dashboards/builtin/:uid",
    title: "Built-in dashboard",
    load: () => import("./pages/builtin.tsx"),
  },
  {
    pattern: "/shared/:token",
    title: "Shared dashboard",
    load: () => import("./pages/shared.tsx"),
  },
  { pattern: "/alerts", title: "Alerts", load: () => import("./pages/alerts.tsx"), account: true },
  { pattern: "/keys", title: "API keys", load: () => import("./pages/keys.tsx"), account: true },
  { pattern: "/signin", title: "Sign in", load: () => import("./pages/signin.tsx") },
  { pattern: "/register", title: "Create account", load: () => import("./pages/signin.tsx") },
];

const NAV = [
  ["/", "Overview"],
  ["/explore", "Explore"],
  ["/dashboards", "Dashboards"],
  ["/alerts", "Alerts"],
  ["/keys", "API keys"],
];

const loaded = new Map<string, Page>([["/", OverviewPage]]);

function resolve(path: string): { route?: Route; params: Record<string, string> } {
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) return { route, params };
  }
  return { params: {} };
}

/** The whole UI. */
export function App() {
  const loc = useStore(currentLocation);
  const user = useStore(currentUser);
  const { route, params } = resolve(loc.path);
  const [, rerender] = useState(0);
  const main = useRef<HTMLElement>(null);
  const Page = route && loaded.get(route.pattern);

  useEffect(() => {
    if (route && !Page) {
      route.load().then((m) => (loaded.set(route.pattern, m.default), rerender((n) => n + 1)));
    }
  }, [route, Page]);
  useEffect(() => {
    document.title = `${route?.title ?? "Not found"} · ERCOT Analytics`;
    main.current?.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
  }, [loc.path, Boolean(Page)]);

  let body;
  if (!route) body = <NotFound />;
  else if (route.account && user === null) body = <SignInFirst what={route.title} />;
  else if (!Page || (route.account && user === undefined)) body = <p class="muted">Loading…</p>;
  else body = <Page params={params} />;

  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <Header path={loc.path} />
      <main id="main" ref={main}>{body}</main>
    </>
  );
}

function Header({ path }: { path: string }) {
  const user = useStore(currentUser);
  const theme = useStore(themeChoice);
  const here = (href: string) => href === "/" ? path === "/" : path.startsWith(href);
  return (
    <header class="top">
      <a class="brand" href="/">ERCOT Analytics</a>
      <nav aria-label="Main">
        {NAV.map(([href, label]) => (
          <a key={href} href={href} aria-current={here(href) ? "page" : undefined}>{label}</a>
        ))}
      </nav>
      <div class="top-tools">
        <label>
          <span class="visually-hidden">Theme</span>
          <select
            value={theme}
            onChange={(e) => chooseTheme(e.currentTarget.value as ThemeChoice)}
          >
            <option value="system">System theme</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        {user
          ? (
            <span class="account">
              <span class="account-email">{user.email}</span>
              <button type="button" onClick={() => signOut().then(() => navigate("/"))}>
                Sign out
              </button>
            </span>
          )
          : user === null
          ? <a class="button" href={`/signin?next=${encodeURIComponent(path)}`}>Sign in</a>
          : null}
      </div>
    </header>
  );
}

function SignInFirst({ what }: { what: string }) {
  const next = encodeURIComponent(location.pathname + location.search);
  return (
    <>
      <h1 tabIndex={-1}>{what}</h1>
      <p>
        <a href={`/signin?next=${next}`}>Sign in</a> or{" "}
        <a href={`/register?next=${next}`}>create an account</a> to see your {what.toLowerCase()}.
      </p>
    </>
  );
}

function NotFound() {
  return (
    <>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is no page at {location.pathname}. Go to the <a href="/">overview</a>.
      </p>
    </>
  );
}
