import type { BrowserContext, Page } from 'playwright-core';

/**
 * What the XSS suite looks for in a page, from inside Chromium. The functions below that are handed
 * to addInitScript or page.evaluate run in the browser (Playwright sends their source), so they use
 * nothing from this module's scope.
 */

interface TrapWindow {
  __xss: string[];
  __csp: string[];
}

/** Before any of the page's own code: every dialog function records its call instead of opening. */
function installTraps(): void {
  const w = window as unknown as TrapWindow & Record<string, unknown>;
  w.__xss = [];
  w.__csp = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    w[name] = (...args: unknown[]): null => {
      w.__xss.push(`${name}(${String(args[0]).slice(0, 60)})`);
      return null;
    };
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
  });
}

export interface RenderedComment {
  id: string;
  author: string;
  /** The website link's href attribute as written, or null when the name is plain text. */
  authorHref: string | null;
  content: string;
  /** The Reply link's data-title, which comment-reply.js puts in the form's heading. */
  replyTitle: string | null;
}

export interface Inspection {
  problems: string[];
  comments: RenderedComment[];
}

/** Everything in the page that would run, load or link script, plus the comments as rendered. */
function inspectDocument(): Inspection {
  const w = window as unknown as TrapWindow;
  const problems: string[] = [...(w.__xss ?? []).map((x) => `executed ${x}`)];
  problems.push(...(w.__csp ?? []).map((x) => `CSP violation: ${x}`));
  if (!Array.isArray(w.__xss)) problems.push('the alert trap was not installed or was replaced');

  const COMMENT_TAGS: Record<string, string[]> = {
    P: [], BR: [], A: ['href', 'rel'], EM: [], STRONG: [], CODE: [], PRE: [], BLOCKQUOTE: [], UL: [],
    OL: ['start'], LI: [],
  }; // prettier-ignore
  const URL_ATTRIBUTES = [
    'href',
    'src',
    'srcset',
    'action',
    'formaction',
    'xlink:href',
    'poster',
    'data',
    'cite',
    'background',
    'ping',
  ];
  const describe = (el: Element): string => {
    const item = el.closest('li.comment');
    return `${item ? `#${item.id} ` : ''}<${el.tagName.toLowerCase()}${[...el.attributes]
      .map((a) => ` ${a.name}="${a.value.slice(0, 50)}"`)
      .join('')}>`;
  };
  // Browsers ignore whitespace and control characters inside a scheme; so does this check.
  const scheme = (url: string): string => url.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase();
  const badUrl = (attr: string, value: string): boolean => {
    const urls = attr === 'srcset' || attr === 'ping' ? value.split(/[\s,]+/) : [value];
    return urls.some((url) => /^(?:javascript|vbscript|data):/.test(scheme(url)));
  };

  const section = document.getElementById('comments');
  if (!section) problems.push('no #comments section');
  for (const el of section ? [section, ...section.querySelectorAll('*')] : []) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) problems.push(`event handler attribute: ${describe(el)}`);
      if (URL_ATTRIBUTES.includes(attr.name.toLowerCase()) && badUrl(attr.name.toLowerCase(), attr.value)) {
        problems.push(`script URL: ${describe(el)}`);
      }
    }
    const name = el.tagName.toLowerCase();
    if (['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link', 'style'].includes(name)) {
      problems.push(`<${name}> in the comments: ${describe(el)}`);
    }
  }
  for (const el of document.querySelectorAll('.comment-content *')) {
    const allowed = COMMENT_TAGS[el.tagName];
    if (!allowed || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      problems.push(`element outside the comment allowlist: ${describe(el)}`);
      continue;
    }
    for (const attr of el.attributes) {
      if (!allowed.includes(attr.name))
        problems.push(`attribute outside the comment allowlist: ${describe(el)}`);
    }
    if (el.tagName === 'A') {
      if (el.getAttribute('rel') !== 'nofollow ugc noopener')
        problems.push(`comment link without rel: ${describe(el)}`);
      if (!/^(?:https?|mailto):$/.test((el as HTMLAnchorElement).protocol)) {
        problems.push(`comment link to ${(el as HTMLAnchorElement).protocol}: ${describe(el)}`);
      }
    }
  }
  for (const el of document.querySelectorAll('.comment-author *')) {
    const link = el as HTMLAnchorElement;
    const attrs = [...el.attributes].map((a) => a.name).sort();
    if (el.tagName !== 'A' || attrs.join(' ') !== 'href rel' || !/^https?:$/.test(link.protocol)) {
      problems.push(`unexpected markup in a name: ${describe(el)}`);
    }
  }
  // The page's own scripts are the comment-reply file and JSON-LD data in the head (which must parse
  // as JSON: a payload breaking out of it would leave a fragment); anything else came from input.
  for (const script of document.querySelectorAll('script')) {
    if (/^\/assets\/comment-reply\.[0-9a-f]+\.js$/.test(script.getAttribute('src') ?? '')) continue;
    if (script.type === 'application/ld+json' && script.parentElement === document.head) {
      try {
        JSON.parse(script.text);
        continue;
      } catch {
        problems.push(`JSON-LD that is not JSON: ${script.text.slice(0, 80)}`);
      }
    }
    problems.push(`script element: ${describe(script)}`);
  }
  for (const el of document.querySelectorAll('base, meta[http-equiv], iframe, frame, object, embed')) {
    problems.push(`unexpected ${describe(el)}`);
  }
  // The page's own forms (comment, search) send to the site; a form in the discussion is only #commentform.
  for (const form of document.querySelectorAll('form')) {
    if (form.closest('#comments') && form.id !== 'commentform')
      problems.push(`form in the comments: ${describe(form)}`);
    if (new URL(form.action, location.href).origin !== location.origin)
      problems.push(`form sent elsewhere: ${describe(form)}`);
  }

  const comments = [...document.querySelectorAll('li.comment')].map((li) => {
    const author = li.querySelector(':scope > article .comment-author');
    return {
      id: li.id,
      author: author?.textContent ?? '',
      authorHref: author?.querySelector('a')?.getAttribute('href') ?? null,
      content: li.querySelector(':scope > article .comment-content')?.textContent ?? '',
      replyTitle:
        li.querySelector(':scope > article .comment-reply-link')?.getAttribute('data-title') ?? null,
    };
  });
  return { problems, comments };
}

/**
 * Clicks the Reply link of each of these comments (comment-reply.js copies the name into the form's
 * heading) and checks the heading shows the name as text each time.
 */
function clickReplies(ids: string[]): string[] {
  const problems: string[] = [];
  const title = document.getElementById('reply-title');
  for (const id of ids) {
    const link = document.querySelector<HTMLAnchorElement>(`#${id} > article .comment-reply-link`);
    if (!link) {
      problems.push(`#${id} has no Reply link`);
      continue;
    }
    link.click();
    if (title?.textContent !== link.getAttribute('data-title') || title.children.length > 0) {
      problems.push(`#${id} reply heading is not the name as text: ${title?.innerHTML.slice(0, 80)}`);
    }
  }
  return problems;
}

export interface RefusedForm {
  html: string;
  /** The values typed, as the parser reads them back (see asAttribute). */
  comment: string;
  author: string;
  url: string;
}

/**
 * Parses 422 pages with DOMParser (a browser's own parser, running nothing) and checks each: the
 * form is the site's, holding what was typed as values, and nothing else in the page came from it.
 */
function checkRefusedForms(forms: RefusedForm[]): string[][] {
  return forms.map(({ html, comment, author, url }) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const problems: string[] = [];
    const textarea = doc.querySelector<HTMLTextAreaElement>('textarea#comment');
    if (textarea?.value !== comment) problems.push('comment not echoed as text');
    if (doc.querySelector('input#author')?.getAttribute('value') !== author)
      problems.push('name not echoed as text');
    if (doc.querySelector('input#url')?.getAttribute('value') !== url)
      problems.push('website not echoed as text');
    for (const el of doc.querySelectorAll('*')) {
      for (const attr of el.attributes)
        if (/^on/i.test(attr.name)) problems.push(`<${el.tagName} ${attr.name}>`);
    }
    const scripts = [...doc.querySelectorAll('script')].filter((script) => {
      if (script.type !== 'application/ld+json' || script.parentElement !== doc.head) return true;
      try {
        return !JSON.parse(script.text);
      } catch {
        return true;
      }
    });
    const sources = scripts.map((script) => script.getAttribute('src') ?? script.outerHTML.slice(0, 60));
    if (sources.length !== 1 || !/^\/assets\/comment-reply\./.test(sources[0]!))
      problems.push(`scripts: ${sources.join(' ')}`);
    // One form in the discussion, with its ten named controls (comment, author, email, url, two
    // checkboxes, honeypot, post_id, comment_parent, token): an extra one would have come from a payload.
    const forms = doc.querySelectorAll('#comments form').length;
    const controls = doc.querySelectorAll('#commentform [name]').length;
    if (forms !== 1 || controls !== 10)
      problems.push(`${forms} forms, ${controls} named controls in the discussion`);
    const foreign = doc.querySelector(
      'base, meta[http-equiv], iframe, frame, object, embed, svg:not(.avatar), math',
    );
    if (foreign) problems.push(`foreign element <${foreign.tagName}>`);
    return problems;
  });
}
export { checkRefusedForms };

/** A context whose pages carry the traps; dialogs and requests off the site are recorded per page. */
export async function trappedContext(
  context: BrowserContext,
): Promise<{ context: BrowserContext; open(): Promise<{ page: Page; events: string[] }> }> {
  await context.addInitScript(installTraps);
  return {
    context,
    async open() {
      const page = await context.newPage();
      const events: string[] = [];
      page.on('dialog', (dialog) => {
        events.push(`dialog ${dialog.type()}: ${dialog.message().slice(0, 60)}`);
        void dialog.dismiss().catch(() => {});
      });
      // A script error means some script ran; a request off the page's own files means markup loaded it.
      page.on('pageerror', (error) => events.push(`script error: ${error.message.slice(0, 80)}`));
      // The test navigates once; any later load of the page's frame was the page's own doing.
      let loads = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && ++loads > 1)
          events.push(`the page navigated itself to ${frame.url().slice(0, 100)}`);
      });
      page.on('request', (request) => {
        const url = new URL(request.url());
        const own = url.origin === new URL(page.url() === 'about:blank' ? request.url() : page.url()).origin;
        if (request.isNavigationRequest() && request.frame() === page.mainFrame()) return;
        if (own && (url.pathname.startsWith('/assets/') || url.pathname === '/favicon.ico')) return;
        events.push(`request: ${request.url().slice(0, 100)}`);
      });
      return { page, events };
    },
  };
}

/**
 * Inspects a loaded page: waits for timers and error handlers a payload might have set, optionally
 * clicks the Reply link of the given comments, and returns what it found (empty `problems` when the
 * page is safe). A page that navigates away meanwhile is reported, not thrown.
 */
export async function inspect(
  page: Page,
  events: string[],
  options: { replyTo?: string[]; wait?: number } = {},
): Promise<Inspection> {
  const result: Inspection = { problems: [], comments: [] };
  const attempt = async <T>(step: string, run: () => Promise<T>): Promise<T | undefined> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A page stuck in a loop of a payload's making never answers: that is a finding, not a hang.
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the page did not answer within 15 s')), 15_000);
    });
    try {
      return await Promise.race([run(), stuck]);
    } catch (error) {
      result.problems.push(
        `${step} failed at ${page.url().slice(0, 100)}: ${(error as Error).message.split('\n')[0]}`,
      );
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };
  await page.waitForTimeout(options.wait ?? 500);
  const seen = await attempt('inspection', () => page.evaluate(inspectDocument));
  if (seen) Object.assign(result, seen);
  if (seen && options.replyTo?.length) {
    const trapped = (): string[] => (window as unknown as TrapWindow).__xss ?? [];
    const before = (await attempt('reading the trap', () => page.evaluate(trapped)))?.length ?? 0;
    const replies = await attempt('clicking Reply', () => page.evaluate(clickReplies, options.replyTo!));
    result.problems.push(...(replies ?? []));
    await page.waitForTimeout(100);
    const after = (await attempt('reading the trap', () => page.evaluate(trapped))) ?? [];
    result.problems.push(...after.slice(before).map((x) => `executed after Reply: ${x}`));
  }
  result.problems.push(...events);
  return result;
}

/**
 * Closes the page (or context), or gives up after 10 s and says so: markup that keeps a script busy
 * (an unload handler, two fields stealing focus from each other) can hold a tab open. The browser
 * itself goes at the end of the suite.
 */
export async function closePage(page: { close(): Promise<unknown> }): Promise<string[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<string[]>((done) => {
    timer = setTimeout(() => done(['the page would not close: a script kept it busy']), 10_000);
  });
  const closed = page.close().then(
    () => [],
    (error: Error) => [`closing failed: ${error.message.split('\n')[0]}`],
  );
  const result = await Promise.race([closed, late]);
  clearTimeout(timer);
  return result;
}
