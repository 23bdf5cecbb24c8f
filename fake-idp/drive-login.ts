/**
 * Drives a browser-less sign-in at the fake IdP: follows the authorization request's redirects to
 * the login form, posts the user's login with the IdP's cookies, and returns the URL the IdP sends
 * the browser back to (the relying party's redirect URI with `code`, `state` and `iss`, or with
 * `error`). Nothing at the relying party is requested; the caller hands the URL to its callback.
 */

export interface LoginThroughFakeIdpOptions {
  /** Any value is accepted by the fake IdP; sent only so the form is posted as a browser would. */
  password?: string;
  /**
   * The IdP's cookies, name → value. Pass the same map to a second call to reuse the IdP session
   * (single sign-on: no login form is shown then, and `user` is not consulted).
   */
  cookies?: Map<string, string>;
}

const MAX_STEPS = 20;

function storeCookies(jar: Map<string, string>, response: Response): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair = "", ...attributes] = header.split(";");
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    // oidc-provider deletes a cookie by setting it empty with an expiry in the past.
    const expired = attributes.some((a) => {
      const [key = "", val = ""] = a.split("=").map((s) => s.trim());
      if (key.toLowerCase() === "max-age") return Number(val) <= 0;
      if (key.toLowerCase() === "expires") return Date.parse(val) <= Date.now();
      return false;
    });
    if (expired || value === "") jar.delete(name);
    else jar.set(name, value);
  }
}

function cookieHeader(jar: Map<string, string>): Record<string, string> {
  return jar.size === 0 ? {} : { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") };
}

interface HtmlForm {
  action: string;
  method: string;
  /** The form's hidden inputs, name → value (an xsrf token, `logout=yes`). */
  hidden: Record<string, string>;
  isLogin: boolean;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
  return match ? decodeEntities(match[1] ?? "") : undefined;
}

/** The first form of a fake IdP page: its login form, or the sign-out page that submits itself. */
function parseForm(html: string): HtmlForm | undefined {
  const form = /(<form\b[^>]*>)([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const [, open = "", inner = ""] = form;
  const inputs = [...inner.matchAll(/<input\b[^>]*>/gi)].map((m) => m[0]);
  const hidden: Record<string, string> = {};
  for (const input of inputs) {
    const name = attribute(input, "name");
    if (name && attribute(input, "type") === "hidden") hidden[name] = attribute(input, "value") ?? "";
  }
  return {
    action: attribute(open, "action") ?? "",
    method: (attribute(open, "method") ?? "get").toUpperCase(),
    hidden,
    isLogin: inputs.some((input) => attribute(input, "name") === "login"),
  };
}

function pageText(html: string): string {
  return decodeEntities(html.replace(/<(style|script)\b[\s\S]*?<\/\1>/gi, " ").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}

/**
 * Follows the fake IdP's redirects and submits its forms (`login` for the login form) until a
 * redirect leaves the IdP's origin; returns that redirect's URL.
 */
async function driveUntilRedirectAway(
  start: URL,
  jar: Map<string, string>,
  login: (() => Record<string, string>) | undefined,
): Promise<URL> {
  const idpOrigin = start.origin;
  let request: { url: URL; init: RequestInit } = { url: start, init: {} };
  let loggedIn = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    const response = await fetch(request.url, {
      ...request.init,
      redirect: "manual",
      headers: { ...cookieHeader(jar), ...(request.init.headers as Record<string, string> | undefined) },
    });
    storeCookies(jar, response);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      const next = new URL(location, request.url);
      if (next.origin !== idpOrigin) return next;
      request = { url: next, init: {} };
      continue;
    }
    const html = await response.text();
    const form = response.status === 200 ? parseForm(html) : undefined;
    if (!form || form.method !== "POST")
      throw new Error(`fake IdP answered ${response.status} at ${request.url.pathname}: ${pageText(html)}`);
    const fields = { ...form.hidden };
    if (form.isLogin) {
      if (!login) throw new Error("fake IdP asked for a login where none was expected");
      // The login form again after posting it: the IdP refused the user.
      if (loggedIn) throw new Error(`fake IdP refused the login: ${pageText(html)}`);
      loggedIn = true;
      Object.assign(fields, login());
    }
    request = {
      url: new URL(form.action, request.url),
      init: {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      },
    };
  }
  throw new Error(`fake IdP: still there after ${MAX_STEPS} steps`);
}

/**
 * Signs `user` (`alice`, `oliver`, `vera`, `nogroup`) in at the fake IdP for `authorizationUrl`
 * and returns the callback URL. Throws when the IdP answers anything but redirects and its login
 * form, or refuses the login (an unknown user). The callback is recognised as the first redirect
 * off the IdP's origin, so the redirect URI must be on another origin (another port will do).
 */
export async function loginThroughFakeIdp(
  authorizationUrl: URL | string,
  user: string,
  options: LoginThroughFakeIdpOptions = {},
): Promise<URL> {
  return driveUntilRedirectAway(new URL(authorizationUrl), options.cookies ?? new Map(), () => ({
    login: user,
    password: options.password ?? "any password",
  }));
}

/**
 * Follows an RP-initiated logout (`buildEndSessionUrl`) at the fake IdP with the cookies of an
 * earlier `loginThroughFakeIdp`, and returns the post-logout redirect URL the IdP sends the browser
 * to. The IdP session in `cookies` is ended, so the next authorization shows the login form again.
 */
export async function logoutThroughFakeIdp(endSessionUrl: URL | string, cookies: Map<string, string>): Promise<URL> {
  return driveUntilRedirectAway(new URL(endSessionUrl), cookies, undefined);
}
