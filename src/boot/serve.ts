import { serve, type ServerType } from '@hono/node-server';
import { siteUrl } from '../config/load.ts';
import { ensureWelcomeContent } from '../core/site/welcome.ts';
import { createApp } from '../http/app.ts';
import { webServices, type Site } from './site.ts';

/** Starts the web server; resolves once it listens. `port: 0` picks a free port (tests). */
export async function startServer(
  site: Site,
  log: (line: string) => void = console.log,
): Promise<{ server: ServerType; url: string; stop(): Promise<void> }> {
  if (await ensureWelcomeContent(site.core)) log('empty site: added the welcome post and a sample comment');
  const app = createApp(webServices(site));
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: site.config.PORT, hostname: site.config.HOST }, (info) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      const url = `http://${host}:${info.port}`;
      log(`Samizdat is serving ${siteUrl(site.config)} on ${url}`);
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
    });
    server.once('error', reject);
  });
}
