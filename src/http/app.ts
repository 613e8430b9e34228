import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { assetRoutes } from './assets.ts';
import { commentRoutes } from './comments/routes.ts';
import { readerRoutes } from './reader/routes.ts';
import { sitemapRoutes } from './reader/sitemap.ts';
import { notFound } from './reader/not-found.ts';
import { sameOrigin, securityHeaders } from './security.ts';
import type { WebServices } from './services.ts';

/** The whole web app; every route is a thin handler over core use cases and render/. */
export function createApp(services: WebServices, log: (message: string) => void = console.error): Hono {
  const app = new Hono();
  app.use(securityHeaders);
  app.use(sameOrigin(services.baseUrl));

  app.get('/healthz', async (c) => {
    await services.core.storage.settings.all();
    return c.json({ ok: true });
  });
  app.route('/', assetRoutes(services.blobs));
  app.route('/', commentRoutes(services));
  app.route('/', sitemapRoutes(services));
  app.route('/', readerRoutes(services));

  app.notFound((c) => notFound(c, services));
  app.onError((error, c) => {
    // Middleware refusals (CSRF) carry their own answer.
    if (error instanceof HTTPException) return error.getResponse();
    log(`error: ${c.req.method} ${new URL(c.req.url).pathname}: ${error.stack ?? error.message}`);
    return c.text('Something went wrong on our side. Please try again in a moment.', 500);
  });
  return app;
}
