import { loadConfig } from '../config/load.ts';
import { openSite, type Site } from '../boot/site.ts';

/** Opens the site for one command and closes it whatever happens. */
export async function withSite<T>(work: (site: Site) => Promise<T>): Promise<T> {
  const site = await openSite(loadConfig());
  try {
    return await work(site);
  } finally {
    await site.close();
  }
}
