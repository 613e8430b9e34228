import { mailHost, siteUrl } from '../config/load.ts';
import { jobRegistry, type RegistryOptions } from '../jobs/handlers.ts';
import { startWorker, type RunningWorker, type WorkerOptions } from '../jobs/worker.ts';
import { startServer } from './serve.ts';
import type { Site } from './site.ts';

export const ROLES = ['all', 'web', 'worker'] as const;
/** What one `samizdat serve` runs: the web server, the job worker, or both (the default). */
export type Role = (typeof ROLES)[number];

export interface RuntimeOptions {
  role: Role;
  worker?: WorkerOptions;
  registry?: RegistryOptions;
  log?: (line: string) => void;
}

export interface Runtime {
  /** Where the web server listens (roles web and all). */
  url?: string;
  worker?: RunningWorker;
  stop(): Promise<void>;
}

/** Starts the signals, then the worker and the web server as the role says. */
export async function startRuntime(site: Site, options: RuntimeOptions): Promise<Runtime> {
  const log = options.log ?? ((line: string) => site.log.info(line));
  await site.signals.start();
  const worker =
    options.role === 'web'
      ? undefined
      : startWorker(
          {
            storage: site.core.storage,
            clock: site.core.clock,
            signals: site.signals,
            registry: jobRegistry(
              {
                core: site.core,
                mailer: site.mailer,
                mailHost: mailHost(site.config),
                notify: {
                  core: site.core,
                  secret: site.secret,
                  baseUrl: siteUrl(site.config),
                  language: site.config.SITE_LANGUAGE,
                },
              },
              options.registry,
            ),
          },
          // A quarter second between looks at the outbox: a change reaches every instance's page
          // cache within a second of its commit, even one written by a command or another instance.
          { pollMs: 250, ...options.worker },
        );
  if (worker) log(`jobs: worker ${worker.id} started; signals over ${site.signals.transport}`);
  const server = options.role === 'worker' ? undefined : await startServer(site);
  return {
    url: server?.url,
    worker,
    async stop() {
      await server?.stop();
      await worker?.stop();
    },
  };
}
