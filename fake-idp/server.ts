/**
 * A local fake OpenID Connect identity provider for tests: a real oidc-provider instance on
 * 127.0.0.1 (http, as Safekeep accepts an http issuer only on loopback) with one confidential client,
 * four fixed users whose `groups` claim maps onto Safekeep's roles, a plain login form and no consent
 * step. `setMode` (or `POST /__mode`) makes the token endpoint hand out a broken ID token, so the
 * relying party's checks can be shown to refuse it.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
} from "jose";
import Provider, { type Account, type KoaContextWithOIDC } from "oidc-provider";

export const FAKE_IDP_MODES = ["normal", "wrong-key", "expired", "wrong-audience", "wrong-nonce"] as const;
/**
 * What the token endpoint's ID token looks like: `normal`; `wrong-key` signed by a key that is not in
 * the published JWKS (under the real key's kid); `expired` iat two hours and exp one hour ago, signed
 * by the real key; `wrong-audience` aud is another client; `wrong-nonce` nonce is not the one sent.
 */
export type FakeIdpMode = (typeof FAKE_IDP_MODES)[number];

export function isFakeIdpMode(value: unknown): value is FakeIdpMode {
  return typeof value === "string" && (FAKE_IDP_MODES as readonly string[]).includes(value);
}

export interface FakeIdpUser {
  /** What is typed into the login form's `login` field, and the `preferred_username` claim. */
  login: string;
  /** Opaque and stable, deliberately unrelated to the login so nothing can key on one for the other. */
  sub: string;
  name: string;
  email: string;
  groups: string[];
}

function user(login: string, sub: string, name: string, groups: string[]): FakeIdpUser {
  return { login, sub, name, email: `${login}@example.com`, groups };
}

export const FAKE_IDP_USERS: Readonly<Record<string, FakeIdpUser>> = Object.freeze({
  alice: user("alice", "u-7c1e9a4f2b3d", "Alice Admin", ["safekeep-admins"]),
  oliver: user("oliver", "u-3f8b20d6e5a1", "Oliver Operator", ["safekeep-operators"]),
  vera: user("vera", "u-a94d6c1870fe", "Vera Viewer", ["safekeep-viewers"]),
  nogroup: user("nogroup", "u-52e0b7f3c9d4", "Nadia Nogroup", []),
});

/** The scopes granted without asking: `groups` carries the groups claim, into the ID token too. */
export const FAKE_IDP_SCOPES = ["openid", "profile", "email", "groups"] as const;

export interface FakeIdpClientOptions {
  /** Default `safekeep`. */
  clientId?: string;
  /** Default a random value generated at start (pass one when the relying party must know it first). */
  clientSecret?: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** How the client authenticates at the token endpoint; default `client_secret_post`, openid-client's default. */
  tokenEndpointAuthMethod?: "client_secret_post" | "client_secret_basic";
}

export interface FakeIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface FakeIdpOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default one client `safekeep` redirecting to http://127.0.0.1:3000/auth/callback. */
  clients?: FakeIdpClientOptions[];
  mode?: FakeIdpMode;
}

export interface FakeIdp {
  /** `http://127.0.0.1:<port>`, as the discovery document states it. */
  issuer: string;
  /** The same origin as `issuer` (the base to send `/__mode` and the authorization request to). */
  url: string;
  port: number;
  clients: FakeIdpClient[];
  /** The first client's id and secret. */
  clientId: string;
  clientSecret: string;
  users: Readonly<Record<string, FakeIdpUser>>;
  mode(): FakeIdpMode;
  setMode(mode: FakeIdpMode): void;
  stop(): Promise<void>;
}

const DEFAULT_REDIRECT_URI = "http://127.0.0.1:3000/auth/callback";
/** Claims in a wrong-audience / wrong-nonce token: plausible values that are simply not the expected ones. */
const OTHER_AUDIENCE = "some-other-client";
const OTHER_NONCE = "not-the-nonce-that-was-sent";
const MAX_BODY_BYTES = 16 * 1024;

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

function page(title: string, body: string): string {
  // No external stylesheet or font: the page must render offline and never reach the internet.
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.75rem 0}input{display:block;width:100%;padding:.4rem;margin-top:.25rem}button{margin-top:1rem;padding:.5rem 1rem}[role=alert]{color:#b00020}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

function loginPage(uid: string, clientId: string, error?: string): string {
  return page(
    "Sign in — Fake IdP",
    `<h1>Fake IdP</h1>
<p>Sign in to continue to <strong>${escapeHtml(clientId)}</strong>.</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${encodeURIComponent(uid)}" autocomplete="off">
<label>Username <input name="login" autocomplete="username" required autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" placeholder="any"></label>
<button type="submit">Sign in</button>
</form>
<p>Users: ${Object.keys(FAKE_IDP_USERS).join(", ")}. Any password.</p>`,
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader("Content-Type", `${type}; charset=utf-8`);
  res.setHeader("Cache-Control", "no-store");
  res.end(body);
}

async function rsaKey(kid: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" } };
}

async function listen(port: number, handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return { server, sockets, port: (server.address() as AddressInfo).port };
}

export async function startFakeIdp(options: FakeIdpOptions = {}): Promise<FakeIdp> {
  let mode: FakeIdpMode = options.mode ?? "normal";
  const clients: (FakeIdpClient & { tokenEndpointAuthMethod: string })[] = (
    options.clients ?? [{ redirectUris: [DEFAULT_REDIRECT_URI] }]
  ).map((c) => ({
    clientId: c.clientId ?? "safekeep",
    clientSecret: c.clientSecret ?? randomBytes(24).toString("base64url"),
    redirectUris: [...c.redirectUris],
    postLogoutRedirectUris: [...(c.postLogoutRedirectUris ?? [])],
    tokenEndpointAuthMethod: c.tokenEndpointAuthMethod ?? "client_secret_post",
  }));
  if (clients.length === 0) throw new Error("fake IdP: at least one client is needed");

  const signing = await rsaKey(`fake-idp-${randomBytes(4).toString("hex")}`);
  // The impostor key claims the real key's kid, so a relying party that picks the key by kid
  // finds the published one and must fail on the signature itself.
  const impostor = await rsaKey(signing.jwk.kid!);

  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
    send(res, 503, "text/plain", "starting");
  const { server, sockets, port } = await listen(options.port ?? 0, (req, res) => handle(req, res));
  const issuer = `http://127.0.0.1:${port}`;

  const findAccount = async (_ctx: unknown, sub: string): Promise<Account | undefined> => {
    const found = Object.values(FAKE_IDP_USERS).find((u) => u.sub === sub);
    if (!found) return undefined;
    return {
      accountId: found.sub,
      claims: () => ({
        sub: found.sub,
        name: found.name,
        preferred_username: found.login,
        email: found.email,
        email_verified: true,
        groups: [...found.groups],
      }),
    };
  };

  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: c.tokenEndpointAuthMethod,
      id_token_signed_response_alg: "RS256",
    })),
    jwks: { keys: [signing.jwk] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    claims: {
      openid: ["sub"],
      profile: ["name", "preferred_username"],
      email: ["email", "email_verified"],
      groups: ["groups"],
    },
    scopes: [...FAKE_IDP_SCOPES],
    // Scope claims go into the ID token even though an access token is issued too: Safekeep reads
    // the roles from the ID token's groups claim, never from userinfo.
    conformIdTokenClaims: false,
    // S256 is the only method oidc-provider 9 supports; this makes a request without it an error.
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // Shown when the logout request has no valid id_token_hint (with one oidc-provider skips
        // it). It submits itself, so a sign-out returns to the relying party without a click.
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page(
            "Signing out — Fake IdP",
            `<h1>Signing out…</h1>
${form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>')}
<noscript><button type="submit" form="op.logoutForm">Sign out</button></noscript>
<script>document.getElementById("op.logoutForm").submit()</script>`,
          );
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = page("Signed out — Fake IdP", "<h1>Signed out</h1>");
        },
      },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // Every client is first-party: the grant is made on the spot so no consent prompt ever appears.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, result } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(FAKE_IDP_SCOPES.join(" "));
      await grant.save();
      return grant;
    },
    findAccount,
    renderError: async (ctx: KoaContextWithOIDC & { type: string }, out: Record<string, string>) => {
      ctx.type = "html";
      ctx.body = page(
        "Error — Fake IdP",
        `<h1>Error</h1>${Object.entries(out)
          .map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(String(v))}</p>`)
          .join("")}`,
      );
    },
    clientBasedCORS: () => false,
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 86_400, Grant: 86_400 },
  });

  const sign = (payload: JWTPayload, header: JWTHeaderParameters, key: CryptoKey) =>
    new SignJWT(payload).setProtectedHeader(header).sign(key);

  /** The ID token the current mode hands out in place of the real one. */
  async function tamper(idToken: string): Promise<string> {
    const header = decodeProtectedHeader(idToken) as JWTHeaderParameters;
    const claims = decodeJwt(idToken);
    const now = Math.floor(Date.now() / 1000);
    switch (mode) {
      case "normal":
        return idToken;
      case "wrong-key":
        return sign(claims, header, impostor.privateKey);
      case "expired":
        return sign({ ...claims, iat: now - 7200, exp: now - 3600 }, header, signing.privateKey);
      case "wrong-audience":
        return sign({ ...claims, aud: OTHER_AUDIENCE }, header, signing.privateKey);
      case "wrong-nonce":
        return sign({ ...claims, nonce: OTHER_NONCE }, header, signing.privateKey);
    }
  }

  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (ctx.method === "POST" && ctx.path === "/token" && ctx.status === 200 && typeof body?.id_token === "string")
      body.id_token = await tamper(body.id_token);
  });

  const providerHandler = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const clientId = String(details.params.client_id ?? "");
    if (details.prompt.name === "consent") {
      // Only reached when a request asks for more than the standing grant (a `claims` parameter, say):
      // consent is given on the spot, as for a first-party application.
      const accountId = details.session?.accountId;
      if (!accountId) throw new Error("consent without a signed-in user");
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ clientId, accountId });
      if (!grant) throw new Error("grant not found");
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
        grant.addResourceScope(resource, scopes.join(" "));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    if (details.prompt.name !== "login") throw new Error(`unexpected prompt ${details.prompt.name}`);
    if (req.method === "GET") return send(res, 200, "text/html", loginPage(details.uid, clientId));
    if (req.method !== "POST") return send(res, 405, "text/plain", "method not allowed");
    const form = new URLSearchParams(await readBody(req));
    const login = (form.get("login") ?? "").trim().toLowerCase();
    const found = FAKE_IDP_USERS[login];
    if (!found) return send(res, 200, "text/html", loginPage(details.uid, clientId, "Unknown user."));
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: found.sub } },
      { mergeWithLastSubmission: false },
    );
  }

  async function modeRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === "POST") {
      let requested: unknown;
      try {
        requested = (JSON.parse(await readBody(req)) as { mode?: unknown }).mode;
      } catch {
        return send(res, 400, "application/json", JSON.stringify({ error: 'body must be JSON {"mode": ...}' }));
      }
      if (!isFakeIdpMode(requested))
        return send(
          res,
          400,
          "application/json",
          JSON.stringify({ error: `mode must be one of ${FAKE_IDP_MODES.join(", ")}` }),
        );
      mode = requested;
    } else if (req.method !== "GET") return send(res, 405, "text/plain", "method not allowed");
    send(res, 200, "application/json", JSON.stringify({ mode }));
  }

  handle = (req, res) => {
    const path = new URL(req.url ?? "/", issuer).pathname;
    const route = path === "/__mode" ? modeRoute : /^\/interaction\/[^/]+$/.test(path) ? interaction : undefined;
    if (!route) return providerHandler(req, res);
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      // An expired or unknown interaction: say so, as oidc-provider's own error page would.
      send(res, 400, "text/plain", `fake IdP: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

  return {
    issuer,
    url: issuer,
    port,
    clients: clients.map(({ clientId, clientSecret, redirectUris, postLogoutRedirectUris }) => ({
      clientId,
      clientSecret,
      redirectUris,
      postLogoutRedirectUris,
    })),
    clientId: clients[0]!.clientId,
    clientSecret: clients[0]!.clientSecret,
    users: FAKE_IDP_USERS,
    mode: () => mode,
    setMode(next) {
      if (!isFakeIdpMode(next)) throw new Error(`fake IdP: unknown mode ${String(next)}`);
      mode = next;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
