/**
 * Browser entry: theme, routing and the session first, then the UI.
 *
 * @module
 */
import { render } from "preact";
import { App } from "./app.tsx";
import { restoreSession } from "./lib/auth.ts";
import { startRouter } from "./lib/router.ts";
import { startTheme } from "./lib/theme.ts";

startTheme();
startRouter();
void restoreSession();
render(<App />, document.getElementById("app")!);
