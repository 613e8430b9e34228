import { describe, expect, it } from 'vitest';
import { failureLine } from './errors.ts';

describe('failureLine', () => {
  it('says what went wrong in one line, naming the file when there is one', () => {
    expect(failureLine({ type: 'slug-taken', slug: 'vybory' }, { subject: 'post.md' })).toBe(
      'post.md: the slug "vybory" is taken',
    );
    expect(failureLine({ type: 'author-required', candidates: ['dana', 'erlan'] })).toBe(
      'say who wrote it: "author:" one of dana, erlan',
    );
    expect(failureLine({ type: 'comment-not-found', id: 7 })).toBe('no comment with id #7');
    expect(failureLine({ type: 'invalid-user', problems: ['login: required', 'email: "x"'] })).not.toContain(
      '\n',
    );
  });

  it('says why a backup cannot be restored, and that nothing was written', () => {
    expect(
      failureLine({ type: 'backup-unreadable', reason: 'it ends too soon' }, { subject: 'site.tar.gz' }),
    ).toBe('site.tar.gz: not a backup that can be restored: it ends too soon; nothing was written');
    expect(failureLine({ type: 'restore-not-empty', holds: { posts: 1, 'media files': 2 } })).toBe(
      'the site is not empty (posts: 1, media files: 2): restore only into a new database and an empty DATA_DIR; nothing was written',
    );
  });
});
