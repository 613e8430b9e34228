import type { CoreDeps } from '../deps.ts';
import { createUser } from '../users/add-user.ts';
import { ensureTerm } from './terms.ts';

const WELCOME_BODY = `This is the first post of a new Samizdat site. Everything you see here is served by this
one program: the page, its photo, the discussion below and the form to join it. Nothing on it is fetched
from anyone else, so a reader's visit stays between the reader and you.

## Writing

Posts are Markdown files. Publish one from the command line:

\`\`\`
npx samizdat post publish my-first-essay.md
\`\`\`

Give it a title, tags and a featured photo with its caption and credit in the front matter at the top of
the file. Publishing the same file again updates the post in place.

## The discussion

Under every post readers can leave a reply as a guest, or answer one another in threads. A first
comment waits for you to approve it; after that, the same reader's comments appear at once. Links,
blocked words and floods are held or refused, and the reason is kept for you:

\`\`\`
npx samizdat comments list
npx samizdat comments approve 2
\`\`\`

When you are ready, delete this post, or publish your own with the slug \`welcome\` to replace it.
`;

/**
 * An empty site greets its first visitor with a post and a comment, so the writer sees at once how
 * a post and its discussion look. Runs only while the site has no posts at all.
 */
export async function ensureWelcomeContent(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'formatter'>,
): Promise<boolean> {
  if ((await deps.storage.posts.count()) > 0) return false;
  const now = deps.clock.now();
  await deps.storage.transaction(async (tx) => {
    const author =
      (await tx.users.list())[0] ??
      (await createUser(tx, {
        login: 'samizdat',
        email: 'samizdat@localhost',
        displayName: 'Samizdat',
        bio: '',
        role: 'author',
        passwordHash: null,
      }));
    const post = await tx.posts.create({
      type: 'post',
      status: 'published',
      slug: 'welcome',
      title: 'Welcome to your new site',
      source: WELCOME_BODY,
      format: 'markdown',
      html: deps.formatter.post(WELCOME_BODY),
      excerpt: 'A first post, and a first comment under it, to show how the site looks.',
      authorId: author.id,
      image: null,
      commentStatus: 'open',
      sticky: false,
      publishedAt: now,
    });
    const tag = await ensureTerm(tx, {
      taxonomy: 'tag',
      slug: 'samizdat',
      name: 'Samizdat',
      parentId: null,
      description: '',
    });
    const category = await ensureTerm(tx, {
      taxonomy: 'category',
      slug: 'uncategorized',
      name: 'Uncategorized',
      parentId: null,
      description: '',
    });
    await tx.posts.setTerms(post.id, [tag.id, category.id]);
    const text =
      'Hello! I am a sample comment. Reply to me, or approve, hide or delete me from the command line.';
    const comment = await tx.comments.create({
      postId: post.id,
      parentId: null,
      kind: 'comment',
      status: 'approved',
      authorName: 'A reader',
      authorEmail: 'reader@localhost',
      authorUrl: '',
      identityId: null,
      source: text,
      html: deps.formatter.comment(text),
      ipHash: '',
      notifyReplies: false,
      notifyPosts: false,
      heldReason: '',
      createdAt: now,
    });
    // One event for the whole greeting: it changes every page of a site that had none.
    await tx.outbox.add({ type: 'site.welcomed', postId: post.id, commentId: comment.id, userId: author.id });
  });
  return true;
}
