/**
 * Vitest globalSetup (runs in Node, outside workerd): one real HTTP server on
 * loopback that the workerd tests talk to. Route modules under ./routes plug
 * in here: feed validators (python3-feedparser, rss-parser), scripted sources
 * for polling, webhook receivers. Its base URL reaches the worker as the
 * binding LOOPBACK_URL (see vitest.config.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { routes } from "./routes/index.ts";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL) => void | Promise<void>;

export default async function setup(project: TestProject) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const prefix = url.pathname.split("/")[1] ?? "";
      const handler = routes[prefix];
      try {
        if (!handler) {
          res.writeHead(404, { "content-type": "text/plain" }).end(`no route for /${prefix}`);
          return;
        }
        await handler(req, res, Buffer.concat(chunks), url);
      } catch (err) {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(err instanceof Error ? err.stack : err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  project.provide("loopbackUrl", `http://127.0.0.1:${port}`);
  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    loopbackUrl: string;
  }
}
