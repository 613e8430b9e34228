import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { assetRoutes } from './assets.ts';
import { DEFAULT_BODY_LIMIT, limitBody } from './body-limit.ts';
import { COMMENT_FORM_PATH, commentFormLimit, commentRoutes } from './comments/routes.ts';
import { pathGate } from './path-gate.ts';
import { unlockRoutes } from './reader/post-password.ts';
import { readerRoutes } from './reader/routes.ts';
import { sitemapRoutes } from './reader/sitemap.ts';
import { subscriptionRoutes } from './subscriptions/routes.ts';
import { SUBSCRIPTION_PATHS } from '../security/subscription-links.ts';
import { notFound } from './reader/not-found.ts';
import { ownRedirectsOnly } from './redirects.ts';
import { sameOrigin, securityHeaders } from './security.ts';
import type { WebServices } from './services.ts';
import { unexpectedError } from './unexpected.ts';

/** The whole web app; every route is a thin handler over core use cases and render/. */
export function createApp(services: WebServices): Hono {
  const app = new Hono();
  const refuse = (c: Parameters<typeof notFound>[0]) => notFound(c, services);
  // First, so a page it keeps carries every header the rest adds, and a hit skips all of it.
  if (services.pageCache) app.use(services.pageCache.middleware());
  // The id a reader can quote (X-Request-Id) to find the one log line about their failed request.
  app.use(requestId({ limitLength: 64, generator: () => crypto.randomUUID().slice(0, 13) }));
  app.use(securityHeaders);
  app.use(ownRedirectsOnly(new URL(services.baseUrl).origin, refuse));
  app.use(pathGate(refuse));
  app.use(sameOrigin(services.configuredOrigin, { oneClickPath: SUBSCRIPTION_PATHS.unsubscribe }));
  app.use(
    limitBody((c) =>
      c.req.method === 'POST' && c.req.path === COMMENT_FORM_PATH
        ? commentFormLimit(services)
        : DEFAULT_BODY_LIMIT,
    ),
  );

  app.get('/healthz', async (c) => {
    await services.core.storage.settings.all();
    return c.json({ ok: true });
  });
  app.route('/', assetRoutes(services.blobs));
  app.route('/', commentRoutes(services));
  app.route('/', unlockRoutes(services));
  app.route('/', subscriptionRoutes(services));
  app.route('/', sitemapRoutes(services));
  app.route('/', readerRoutes(services));

  app.notFound(refuse);
  app.onError((error, c) => {
    // Middleware refusals (CSRF) carry their own answer.
    if (error instanceof HTTPException) return error.getResponse();
    return unexpectedError(services.log, c, error);
  });
  return app;
}
