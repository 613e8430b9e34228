import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { siteUrl } from '../config/load.ts';
import { ensureWelcomeContent } from '../core/site/welcome.ts';
import { createApp } from '../http/app.ts';
import { webServices, type Site } from './site.ts';

/** What one stranger's connections may hold of the server. */
export interface ServerLimits {
  /** A request's headers must have arrived this long after the connection or the previous request. */
  headersTimeoutMs: number;
  /** The whole request, body included, must have arrived within this. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Larger request headers are answered 431. */
  maxHeaderBytes: number;
  /** Open connections from one address; 0 for no cap (behind a proxy, all come from the proxy). */
  connectionsPerAddress: number;
  /** Open connections in all. */
  maxConnections: number;
}

/**
 * Node's defaults keep a silent connection for 60 s plus up to 30 s until its check runs, and a
 * trickling request for 5 minutes: a thousand slow connections would hold the server. A reader's
 * browser sends its headers in one packet and a comment in seconds; the margins are for readers on
 * Tor or a throttled mobile network, where a round trip can take seconds.
 */
export const SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  maxHeaderBytes: 16 * 1024,
  connectionsPerAddress: 128,
  maxConnections: 4096,
};

/** Refuses a new connection from an address that already holds `cap` open ones. */
function capConnectionsPerAddress(server: Server, cap: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = open.get(address) ?? 0;
    if (count >= cap) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** Starts the web server; resolves once it listens. `port: 0` picks a free port (tests). */
export async function startServer(
  site: Site,
  options: { limits?: Partial<ServerLimits> } = {},
): Promise<{ server: ServerType; url: string; stop(): Promise<void> }> {
  const log = site.log;
  if (await ensureWelcomeContent(site.core))
    log.info('empty site: added the welcome post and a sample comment');
  const services = webServices(site);
  const app = createApp(services);
  const cache = services.pageCache;
  const limits = { ...SERVER_LIMITS, ...options.limits };
  // Behind a proxy (TRUST_PROXY) every connection comes from the proxy: a cap per address would cap it.
  const perAddress = site.config.TRUST_PROXY ? 0 : limits.connectionsPerAddress;
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: site.config.PORT,
        hostname: site.config.HOST,
        serverOptions: {
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.requestTimeoutMs,
          keepAliveTimeout: limits.keepAliveTimeoutMs,
          maxHeaderSize: limits.maxHeaderBytes,
          // How often Node looks for connections past those timeouts (its default is every 30 s).
          connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs / 2),
        },
        // A page the cache holds is answered before Hono builds a Request for it.
        ...(cache && {
          createServer: ((serverOptions, listener) =>
            createServer(serverOptions, (request, response) => {
              if (!cache.serveNode(request, response)) listener?.(request, response);
            })) as typeof createServer,
        }),
      },
      (info) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        const url = `http://${host}:${info.port}`;
        log.info('Samizdat is serving', { site: siteUrl(site.config), on: url });
        resolve({
          server,
          url,
          stop: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              // Idle keep-alive connections would hold the close open for seconds.
              if ('closeIdleConnections' in server) server.closeIdleConnections();
            }),
        });
      },
    ) as Server;
    server.maxConnections = limits.maxConnections;
    if (perAddress > 0) capConnectionsPerAddress(server, perAddress);
    server.once('error', reject);
  });
}
