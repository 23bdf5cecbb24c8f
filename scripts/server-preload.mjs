// Preloaded into the server process by start-standalone.mjs (`node --import`), before Next.js starts:
// requests wait for the HTTP layer (http-guard.mjs) and the start banner is a JSON line
// (server-output.mjs). instrumentation.ts installs both in full; a server started without this
// preload still gets them from there, only later.
import { holdRequestsUntilGuarded } from "./http-guard.mjs";
import { routeServerOutput } from "./server-output.mjs";

routeServerOutput();
holdRequestsUntilGuarded();
