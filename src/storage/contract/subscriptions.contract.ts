import { expect, it } from 'vitest';
import { author, newPost, NOW } from './fixtures.ts';
import type { ContractContext } from './posts.contract.ts';

export function subscriptionContract(ctx: ContractContext): void {
  it('keeps one subscriber per address whatever its case, and one subscription per topic', async () => {
    const { subscriptions } = ctx.storage;
    const first = await subscriptions.ensureSubscriber('Aigerim@Example.kz', NOW);
    const again = await subscriptions.ensureSubscriber('aigerim@example.KZ', NOW);
    expect(again).toEqual(first);
    expect(first).toMatchObject({ email: 'Aigerim@Example.kz', identityId: null, confirmedAt: null });
    const post = await ctx.storage.posts.create(newPost((await author(ctx.storage)).id));
    const posts = await subscriptions.subscribe(first.id, { kind: 'posts' }, NOW);
    const replies = await subscriptions.subscribe(first.id, { kind: 'replies', postId: post.id }, NOW);
    expect(await subscriptions.subscribe(first.id, { kind: 'posts' }, NOW)).toEqual(posts);
    expect((await subscriptions.subscriptionsOf(first.id)).map((s) => s.topic)).toEqual([
      { kind: 'posts' },
      { kind: 'replies', postId: post.id },
    ]);
    expect(replies.confirmedAt).toBeNull();
  });

  it('lists only confirmed subscriptions as recipients, in subscriber order, a page at a time', async () => {
    const { subscriptions } = ctx.storage;
    const ids: number[] = [];
    for (const email of ['a@example.kz', 'b@example.kz', 'c@example.kz', 'd@example.kz']) {
      const subscriber = await subscriptions.ensureSubscriber(email, NOW);
      const subscription = await subscriptions.subscribe(subscriber.id, { kind: 'posts' }, NOW);
      if (email !== 'c@example.kz')
        expect(await subscriptions.confirm(subscriber.id, [subscription.id], NOW)).toBe(1);
      ids.push(subscriber.id);
    }
    const page = await subscriptions.recipients({ kind: 'posts' }, 0, 2);
    expect(page.map((r) => r.email)).toEqual(['a@example.kz', 'b@example.kz']);
    const rest = await subscriptions.recipients({ kind: 'posts' }, page[1]!.subscriberId, 2);
    expect(rest.map((r) => r.email)).toEqual(['d@example.kz']);
    expect((await subscriptions.findSubscriber(ids[0]!))!.confirmedAt).toEqual(NOW);
    // Confirming again confirms nothing; another subscriber's subscription cannot be confirmed.
    const [a] = await subscriptions.subscriptionsOf(ids[0]!);
    expect(await subscriptions.confirm(ids[0]!, [a!.id], NOW)).toBe(0);
    const [c] = await subscriptions.subscriptionsOf(ids[2]!);
    expect(await subscriptions.confirm(ids[0]!, [c!.id], NOW)).toBe(0);
    expect(await subscriptions.unsubscribe(ids[0]!, [c!.id])).toBe(0);
    expect(await subscriptions.unsubscribe(ids[0]!, 'all')).toBe(1);
    expect((await subscriptions.recipients({ kind: 'posts' }, 0, 10)).map((r) => r.email)).toEqual([
      'b@example.kz',
      'd@example.kz',
    ]);
  });

  it('takes each delivery key once, ever', async () => {
    const { subscriptions } = ctx.storage;
    expect([...(await subscriptions.claimDeliveries(['post:1:1', 'post:1:2'], NOW))].sort()).toEqual([
      'post:1:1',
      'post:1:2',
    ]);
    expect([...(await subscriptions.claimDeliveries(['post:1:2', 'post:1:3'], NOW))]).toEqual(['post:1:3']);
    const many = Array.from({ length: 1200 }, (_, i) => `reply:7:${i}`);
    expect((await subscriptions.claimDeliveries(many, NOW)).size).toBe(1200);
    expect((await subscriptions.claimDeliveries(many, NOW)).size).toBe(0);
  });

  it('forgets the follow-up subscriptions of a deleted post', async () => {
    const { subscriptions, posts } = ctx.storage;
    const post = await posts.create(newPost((await author(ctx.storage)).id));
    const subscriber = await subscriptions.ensureSubscriber('e@example.kz', NOW);
    await subscriptions.subscribe(subscriber.id, { kind: 'replies', postId: post.id }, NOW);
    await posts.delete(post.id);
    expect(await subscriptions.subscriptionsOf(subscriber.id)).toEqual([]);
  });
}
