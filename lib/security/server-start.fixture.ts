// Run by server-start.test.ts in a child process (it patches the process's console and streams):
// a server like Next's, then the safeguards, then output of every kind Next.js produces.
import http from "node:http";
import { startServerSafeguards } from "./server-start";

const [host = "127.0.0.1"] = process.argv.slice(2);
const server = http.createServer((_request, response) => response.end("ok"));
server.listen(0, host, () => {
  startServerSafeguards();
  // eslint-disable-next-line no-console -- Next.js prints its banner this way; that is what is routed.
  console.log("▲ Next.js 16 (banner)");
  console.warn("a warning with the token %s", process.env.SAFEKEEP_AUTH_TOKEN);
  const error = new Error(`page failed for Bearer ${process.env.SAFEKEEP_AUTH_TOKEN}`);
  console.error(error);
  process.stderr.write("a raw line on stderr\n");
  process.stdout.write('{"already":"json"}\n');
  server.close();
});
