/**
 * What a stranger can put in a request, as fast-check families: the issue's cases (issue 7) and
 * values around them. Paths are built from the app's own route patterns, so a new route is covered
 * as soon as each of its parameters (and, for a POST, its body) has a family here.
 */
import fc from 'fast-check';

export interface Part {
  /** As it goes into the URL (percent-encoded where needed). */
  raw: string;
  /** A value that cannot name anything (NUL, control characters, malformed escapes, out of range). */
  hostile: boolean;
}

const bytesEncoded = (bytes: Uint8Array): string =>
  [...bytes].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');

const isUtf8 = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Path segments that no route may take for a name: each must be answered 404. */
export const HOSTILE_SEGMENTS = [
  '%00',
  'a%00b',
  '%',
  '%zz',
  'x%',
  '%E0%A4%A',
  '%ED%A0%80',
  '%0A',
  '%0D%0ASet-Cookie:%20x=1',
  '%1B%5B31m',
  '%7F',
  '%C2%85',
  '%2F',
  '%5C',
  '%2F%2Fevil.example',
  'x'.repeat(401),
];

/** Numbers no listing, page or date can be: each must be answered 404. */
export const HOSTILE_NUMBERS = [
  '0',
  '00',
  '0000',
  '00001',
  '13',
  '32',
  '2147483648',
  '99999999999',
  '9'.repeat(40),
];

const control = fc
  .integer({ min: 0, max: 0x9f })
  .filter((c) => c < 0x20 || c >= 0x7f)
  .map((c) => String.fromCharCode(c));

const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_SEGMENTS),
  // A control character somewhere in ordinary text.
  fc
    .tuple(fc.string({ maxLength: 8 }), control, fc.string({ maxLength: 8 }))
    .map(([a, c, b]) => encodeURIComponent(a + c + b)),
  // Bytes that are not UTF-8 (lone surrogates, cut sequences, stray continuation bytes).
  fc
    .uint8Array({ minLength: 1, maxLength: 12 })
    .filter((b) => !isUtf8(b))
    .map(bytesEncoded),
  fc.integer({ min: 401, max: 3000 }).map((n) => 'y'.repeat(n)),
);

/** Text a reader could type: unknown to the site, but a fair question (answered 404 or 301, never 500). */
const oddSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom('%E2%80%AEnimdA', 'Admin%E2%80%8B', '%D1%81%D1%83%D0%B4', 'welcome.php', '%20', '-', '_'),
);

const part = (hostile: fc.Arbitrary<string>, odd: fc.Arbitrary<string>, benign: string): fc.Arbitrary<Part> =>
  fc.oneof(
    { weight: 3, arbitrary: hostile.map((raw) => ({ raw, hostile: true })) },
    { weight: 2, arbitrary: odd.map((raw) => ({ raw, hostile: false })) },
    { weight: 1, arbitrary: fc.constant({ raw: benign, hostile: false }) },
  );

const number = (benign: string): fc.Arbitrary<Part> =>
  part(
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.oneof(fc.nat({ max: 3000 }).map(String), fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String)),
    benign,
  );

/**
 * A family per route parameter name. A route whose parameter is not here fails the suite, with a
 * message saying to add one.
 */
export const PARAMETERS: Record<string, fc.Arbitrary<Part>> = {
  slug: part(hostileSegment, oddSegment, 'samizdat'),
  login: part(hostileSegment, oddSegment, 'samizdat'),
  file: part(hostileSegment, oddSegment, 'sitemap-posts-1.xml'),
  page: number('1'),
  year: number('2026'),
  month: number('12'),
  day: number('04'),
};

/** The rest of a path after `*`: one to three segments, with or without a trailing slash. */
export const TAIL: fc.Arbitrary<Part> = fc.oneof(
  fc
    .tuple(
      fc.array(part(hostileSegment, oddSegment, 'welcome'), { minLength: 1, maxLength: 3 }),
      fc.boolean(),
    )
    .map(([parts, slash]) => ({
      raw: parts.map((p) => p.raw).join('/') + (slash ? '/' : ''),
      hostile: parts.some((p) => p.hostile),
    })),
  // Ways to write another host where a path belongs.
  fc
    .constantFrom('/evil.example/phish', '\\evil.example/phish', '/evil.example/phish/', '%2F%2Fevil.example')
    .map((raw) => ({ raw, hostile: true })),
);

const QUERY_KEYS = [
  'p',
  'page_id',
  's',
  'feed',
  'author',
  'tag',
  'category_name',
  'replytocom',
  'paged',
  'cat',
  // The links of subscription emails (/subscriptions/confirm, /unsubscribe, /manage).
  'token',
];

const queryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    // Shaped like a subscription token (base64url JSON, a dot, a signature) but signed by nobody.
    'eyJzdWJzY3JpYmVySWQiOjEsImVtYWlsIjoiYUBiLmt6In0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'eyJzdWJzY3JpYmVySWQiOjk5OTk5OTk5OTk5OTk5OTk5OTl9.x',
    '.',
    '%00',
    '2147483648',
    '99999999999',
    '-1',
    '0',
    '1',
    'rss2',
    'comments-atom',
    'atom',
    '%',
    '%zz',
  ),
  fc.constantFrom(...HOSTILE_SEGMENTS),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map(encodeURIComponent),
  fc.uint8Array({ maxLength: 10 }).map(bytesEncoded),
);

/** A query string of WordPress's keys and others, with the values above; or none. */
export const QUERY: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), hostileSegment), queryValue), {
      minLength: 1,
      maxLength: 4,
    })
    .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
);

/** What a comment form's text fields may hold: NUL, controls, bidi, astral, long, or nothing. */
const formText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .tuple(fc.string({ maxLength: 20 }), fc.constantFrom('\u0000', '\u202e', '\u200b', '\r\n', '\u0007'))
    .map(([a, b]) => a + b + a),
  fc.constantFrom('', ' ', 'Ерлан', 'erlan@example.kz', 'https://example.org', 'a\u0000@example.org'),
);

const formId = (valid: string): fc.Arbitrary<Part> =>
  fc.oneof(
    fc.constant({ raw: valid, hostile: false }),
    fc
      .constantFrom('99999999999', '2147483648', '-1', '1.5', '1e3', '0x10', '%00', '00001', ' 1')
      .map((raw) => ({ raw, hostile: true })),
    fc
      .string({ maxLength: 12 })
      .filter((s) => !/^[1-9][0-9]{0,9}$/.test(s))
      .map((raw) => ({ raw, hostile: true })),
  );

export interface CommentFormCase {
  fields: Record<string, string>;
  /** post_id cannot name a post: 404. */
  badPost: boolean;
  /** comment_parent cannot name a comment: 422 (if the post is found). */
  badParent: boolean;
}

/** A comment form as a browser or a bot might post it, for the post `postId` with a valid `token`. */
export function commentForms(postId: number, token: string): fc.Arbitrary<CommentFormCase> {
  return fc
    .record({
      post: formId(String(postId)),
      parent: fc.oneof(
        fc.constant({ raw: '0', hostile: false }),
        fc.constant({ raw: '', hostile: false }),
        formId('0'),
      ),
      token: fc.oneof(fc.constant(token), fc.string({ maxLength: 40 })),
      comment: formText,
      author: formText,
      email: formText,
      url: formText,
      hp: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: formText }),
    })
    .map((r) => ({
      fields: {
        post_id: r.post.raw,
        comment_parent: r.parent.raw,
        token: r.token,
        comment: r.comment,
        author: r.author,
        email: r.email,
        url: r.url,
        hp_website: r.hp,
      },
      badPost: r.post.hostile || !/^[1-9][0-9]{0,9}$/.test(r.post.raw),
      badParent: r.parent.hostile && r.parent.raw !== '0' && r.parent.raw !== '',
    }));
}

export interface UnlockFormCase {
  fields: Record<string, string>;
  /** post_id cannot name a post: 404. */
  badPost: boolean;
}

/** A protected post's password form (POST /unlock) as a browser or a guesser might post it. */
export function unlockForms(postId: number): fc.Arbitrary<UnlockFormCase> {
  return fc.record({ post: formId(String(postId)), password: formText }).map((r) => ({
    fields: { post_id: r.post.raw, post_password: r.password },
    badPost: r.post.hostile || !/^[1-9][0-9]{0,9}$/.test(r.post.raw),
  }));
}
/** The "Subscribe by email" form as a browser or a bot might post it. */
export const subscribeForms: fc.Arbitrary<Record<string, string>> = fc.oneof(
  fc.record({ email: formText }),
  fc.record({ email: formText, extra: formText }),
  fc.constant({}),
);

/** Tokens in a subscription link's query: none of them signed by the site. */
export const linkTokens: fc.Arbitrary<string> = queryValue;
