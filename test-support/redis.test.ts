import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { pingRedis, redisServerBinary, startRedis, type TestRedis } from "./redis";

describe("startRedis", () => {
  const started: TestRedis[] = [];
  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()));
  });

  it("serves a private empty server, restarts it empty on the same port, and closes the port on stop", async () => {
    const server = await startRedis();
    started.push(server);
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);

    const client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    await client.connect();
    expect(await client.ping()).toBe("PONG");
    expect(await client.dbsize()).toBe(0);
    // Nothing may ever be written to disk: no snapshots, no append-only file.
    expect(await client.config("GET", "save")).toEqual(["save", ""]);
    expect(await client.config("GET", "appendonly")).toEqual(["appendonly", "no"]);
    await client.set("scan", "running");
    client.disconnect();

    await server.kill();
    expect(await pingRedis(server.port)).toBe(false);

    await server.restart();
    const again = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    await again.connect();
    expect(await again.ping()).toBe("PONG");
    // A restart is a crash and a fresh start: what the old server held is gone.
    expect(await again.get("scan")).toBeNull();
    again.disconnect();

    // restart() also works on a running server.
    await server.restart();
    expect(await pingRedis(server.port)).toBe(true);

    await server.stop();
    expect(await pingRedis(server.port)).toBe(false);
  });

  it("gives each server its own port", async () => {
    const [a, b] = await Promise.all([startRedis(), startRedis()]);
    started.push(a!, b!);
    expect(a!.port).not.toBe(b!.port);
    expect(await pingRedis(a!.port)).toBe(true);
    expect(await pingRedis(b!.port)).toBe(true);
  });

  it("does not mistake another server on its port for its own", async () => {
    const server = await startRedis();
    started.push(server);
    await server.kill();
    // Something else takes the port while the server is down, and answers anything with PONG.
    const squatter = createServer((socket) => socket.on("data", () => socket.write("+PONG\r\n")));
    await new Promise<void>((resolve) => squatter.listen(server.port, "127.0.0.1", resolve));
    try {
      await expect(server.restart()).rejects.toThrow(/redis-server on port \d+ exited/);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it("says how to install redis-server when it is missing", () => {
    expect(() => redisServerBinary({ PATH: "/nonexistent" }, "/nonexistent/redis-server")).toThrow(
      /bash scripts\/setup\.sh.*redis-server/,
    );
  });
});
