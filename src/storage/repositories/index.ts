import type { Kysely } from 'kysely';
import type { Repositories } from '../../core/ports/storage.ts';
import type { SqlDialect } from '../dialect.ts';
import type { Database } from '../schema.ts';
import { commentRepository } from './comments.ts';
import { discoveryRepository } from './discovery.ts';
import { importRepository } from './imports.ts';
import { jobRepository } from './jobs.ts';
import { postRepository } from './posts.ts';
import { searchRepository } from './search.ts';
import { aliasRepository, mediaRepository, outboxRepository, settingsRepository } from './site.ts';
import { subscriptionRepository } from './subscriptions.ts';
import { termRepository } from './terms.ts';
import { userRepository } from './users.ts';

/** Every repository bound to `db`, which is either the pool or one transaction. */
export function createRepositories(db: Kysely<Database>, dialect: SqlDialect): Repositories {
  return {
    posts: postRepository(db, dialect),
    discovery: discoveryRepository(db, dialect),
    terms: termRepository(db),
    comments: commentRepository(db, dialect),
    users: userRepository(db, dialect),
    settings: settingsRepository(db),
    media: mediaRepository(db, dialect),
    aliases: aliasRepository(db),
    outbox: outboxRepository(db, dialect),
    jobs: jobRepository(db, dialect),
    search: searchRepository(db, dialect),
    imports: importRepository(db, dialect),
    subscriptions: subscriptionRepository(db, dialect),
  };
}
