// Everything the server process prints becomes one JSON log line: Next.js writes its start banner,
// warnings and page errors (plain-text stack traces) with console.* and now and then straight to
// process.stdout/stderr. Both are routed into a sink: lib/log.ts (redacted like every log line) once
// instrumentation.ts has installed it, a minimal JSON writer before that (the start banner, printed
// before Next.js runs instrumentation, when start-standalone.mjs preloads this module).
// Plain JavaScript so that the preload can use it.

const STATE = Symbol.for("safekeep.serverOutput");
const CONSOLE_LEVELS = { log: "info", info: "info", debug: "info", warn: "warn", error: "error" };
/** Secrets the minimal writer masks; lib/log.ts masks far more once it is the sink. */
const SECRET_SETTINGS = [
  "SAFEKEEP_AUTH_TOKEN",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "SAFEKEEP_SESSION_SECRET",
];

function state() {
  globalThis[STATE] ??= { sink: undefined, busy: false, original: undefined };
  return globalThis[STATE];
}

/** Lines that are already log lines (lib/log.ts writes `{"time":…}`) pass through untouched. */
function isJsonLine(text) {
  const trimmed = text.trim();
  return trimmed.startsWith("{") && trimmed.endsWith("}");
}

function knownSecrets(source) {
  const basic = source.SAFEKEEP_BASIC_AUTH;
  const values = SECRET_SETTINGS.map((name) => source[name]);
  if (basic && basic.includes(":")) values.push(basic.slice(basic.indexOf(":") + 1));
  return values.filter((v) => typeof v === "string" && v.length >= 8);
}

/** The sink before lib/log.ts is there: a JSON line on stderr, the process's own secrets masked. */
export function minimalSink(level, event, args) {
  // Next.js colours its banner for a terminal; in a log line the escape codes are noise.
  let message = args
    .map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a)))
    .join(" ")
    .replace(/\u001b\[[0-9;]*m/g, "");
  for (const secret of knownSecrets(process.env)) message = message.split(secret).join("[redacted]");
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, fields: { message } });
  const write = state().original?.stderr ?? process.stderr.write.bind(process.stderr);
  write(`${line}\n`);
}

function route(level, event, args) {
  const s = state();
  s.busy = true;
  try {
    (s.sink ?? minimalSink)(level, event, args);
  } catch {
    minimalSink(level, event, args);
  } finally {
    s.busy = false;
  }
}

function wrapStream(stream, level, s) {
  const write = stream.write;
  stream.write = function safekeepWrite(chunk, encoding, callback) {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    // While the sink writes (its own JSON line), or for a line that is JSON already: as is.
    if (s.busy || isJsonLine(text)) return write.call(this, chunk, encoding, callback);
    const done = typeof encoding === "function" ? encoding : callback;
    const message = text.replace(/\s+$/, "");
    if (message !== "") route(level, "next.output", [message]);
    if (done) process.nextTick(done);
    return true;
  };
  return write.bind(stream);
}

/**
 * Routes console.log/info/debug (info), console.warn (warn), console.error (error) and every
 * non-JSON write to stdout (info) or stderr (warn) into `sink(level, event, args)`; events
 * `next.console` and `next.output`. Idempotent; a later call replaces the sink.
 */
export function routeServerOutput(sink) {
  const s = state();
  if (sink) s.sink = sink;
  if (s.original) return;
  s.original = {
    stdout: wrapStream(process.stdout, "info", s),
    stderr: wrapStream(process.stderr, "warn", s),
    console: {},
  };
  for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
    const original = console[method];
    s.original.console[method] = original;
    console[method] = (...args) => (s.busy ? original.apply(console, args) : route(level, "next.console", args));
  }
}
