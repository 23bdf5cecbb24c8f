/**
 * `tsx fake-idp/main.ts [--port 4455] [--redirect URI]... [--post-logout-redirect URI]...
 * [--client-id safekeep] [--client-secret S] [--mode normal]`: serves the fake OpenID Connect IdP on
 * 127.0.0.1 until stopped and prints the issuer and the client's credentials (test values, made up
 * at start unless `--client-secret` or FAKE_IDP_CLIENT_SECRET fixes the secret so that a relying
 * party started alongside can be given it in advance).
 */
import { parseArgs } from "node:util";
import { FAKE_IDP_MODES, FAKE_IDP_USERS, isFakeIdpMode, startFakeIdp } from "./server";

function fail(message: string): never {
  console.error(`fake-idp: ${message}`);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4455" },
      redirect: { type: "string", multiple: true },
      "post-logout-redirect": { type: "string", multiple: true },
      "client-id": { type: "string", default: "safekeep" },
      "client-secret": { type: "string" },
      mode: { type: "string", default: "normal" },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail("--port must be a port number");
  if (!isFakeIdpMode(values.mode)) fail(`--mode must be one of ${FAKE_IDP_MODES.join(", ")}`);
  const redirectUris = values.redirect ?? ["http://127.0.0.1:3000/auth/callback"];
  for (const uri of [...redirectUris, ...(values["post-logout-redirect"] ?? [])])
    if (!URL.canParse(uri)) fail(`not a URL: ${uri}`);

  const idp = await startFakeIdp({
    port,
    mode: values.mode,
    clients: [
      {
        clientId: values["client-id"],
        clientSecret: values["client-secret"] ?? (process.env.FAKE_IDP_CLIENT_SECRET || undefined),
        redirectUris,
        postLogoutRedirectUris: values["post-logout-redirect"] ?? [],
      },
    ],
  });
  const [client] = idp.clients;
  console.log(`fake IdP on ${idp.url} (mode ${idp.mode()})`);
  console.log(`issuer: ${idp.issuer}`);
  console.log(`client id: ${client!.clientId}`);
  console.log(`client secret: ${client!.clientSecret}`);
  console.log(`redirect URIs: ${client!.redirectUris.join(", ")}`);
  if (client!.postLogoutRedirectUris.length > 0)
    console.log(`post-logout redirect URIs: ${client!.postLogoutRedirectUris.join(", ")}`);
  console.log(
    `users (any password): ${Object.values(FAKE_IDP_USERS)
      .map((u) => `${u.login} [${u.groups.join(", ") || "no groups"}]`)
      .join("; ")}`,
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => void idp.stop().then(() => process.exit(0)));
}

void main();
