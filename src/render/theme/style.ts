/**
 * The default theme. System fonts only (nothing fetched), one column at a reading measure, light and
 * dark schemes whose colour pairs are checked for WCAG AA in theme.test.ts. Served as a hashed file:
 * the strict CSP forbids inline styles.
 */
export const css = `:root {
  color-scheme: light dark;
  --bg: #fbfaf7;
  --fg: #1c1b19;
  --muted: #5b564e;
  --surface: #f1eee8;
  --field: #ffffff;
  --line: #d9d4ca;
  --control: #77716a;
  --link: #0b57a4;
  --visited: #6a3d9a;
  --error: #ae2418;
  --held: #8a5a00;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, "Iowan Old Style", "Noto Serif", "DejaVu Serif", Georgia, serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, "SF Mono", "Cascadia Mono", "Segoe UI Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace;
  /* About 66 characters of body text a line; in rem so header, footer and text share one column. */
  --measure: 37rem;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #16171a;
    --fg: #e6e2da;
    --muted: #a9a397;
    --surface: #212329;
    --field: #101114;
    --line: #393c43;
    --control: #8b857b;
    --link: #8fbdf2;
    --visited: #c8a8ef;
    --error: #ff9d91;
    --held: #e2b155;
  }
}
/* Cyrillic (Kazakh letters especially) is missing from several Latin serifs; these have it all. */
:lang(ru), :lang(kk) {
  --serif: "PT Serif", Cambria, "Noto Serif", "DejaVu Serif", Georgia, "Times New Roman", serif;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font: 1.125rem/1.7 var(--serif);
  overflow-wrap: break-word;
}
.wrap { width: min(100% - 2.5rem, var(--measure)); margin-inline: auto; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 2em 0 0.6em; text-wrap: balance; }
h1 { font-size: clamp(1.75rem, 1.2rem + 2.4vw, 2.6rem); line-height: 1.15; margin-top: 0; }
h2 { font-size: 1.5rem; }
h3 { font-size: 1.25rem; }
h4, h5, h6 { font-size: 1.05rem; }
p, ul, ol, dl, blockquote, pre, figure, table { margin: 0 0 1.2em; }
p { text-wrap: pretty; hyphens: auto; }
a { color: var(--link); text-decoration-thickness: 0.07em; text-underline-offset: 0.17em; }
a:visited { color: var(--visited); }
a:hover { text-decoration-thickness: 0.14em; }
:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; border-radius: 2px; }
[tabindex="-1"]:focus { outline: none; }
img, svg, video { max-width: 100%; height: auto; }
abbr[title] { text-decoration: underline dotted; }
small, .meta, figcaption, .site-nav, .site-footer, .pagination, .post-nav, .terms, .comment-meta, .reply,
.comment-form, .hint, .error-summary { font-family: var(--sans); }
.visually-hidden, .hp {
  position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap;
}
.skip-link {
  position: absolute; left: 1rem; top: -4rem; z-index: 10; padding: 0.5rem 1rem;
  background: var(--fg); color: var(--bg); font-family: var(--sans);
}
.skip-link:focus { top: 1rem; color: var(--bg); }

.site-header { border-bottom: 1px solid var(--line); padding: 1.5rem 0 1rem; margin-bottom: 2.5rem; }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 1.5rem; }
.site-title { margin: 0; font: 700 1.35rem/1.2 var(--sans); }
.site-title a { color: var(--fg); text-decoration: none; }
.site-tagline { margin: 0; flex-basis: 100%; color: var(--muted); font: 0.95rem/1.4 var(--sans); order: 2; }
.site-nav { margin-left: auto; font-size: 0.95rem; }
.site-nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 1rem; }
.site-nav a { color: var(--fg); }
.site-nav a[aria-current] { text-decoration-thickness: 0.14em; }
main { display: block; padding-bottom: 3rem; }
.site-footer { border-top: 1px solid var(--line); padding: 1.5rem 0 2.5rem; color: var(--muted); font-size: 0.9rem; }
.site-footer p { margin: 0; }
.subscribe-form { margin: 0 0 1.25rem; }
.subscribe-form h2 { font-size: 1rem; margin: 0 0 0.4rem; }
.subscribe-form .note { font-size: 0.85rem; margin-top: 0.3rem; }
.subscription-list .inline-form { display: inline; margin-left: 0.5rem; }

.post-header { margin-bottom: 1.75rem; }
.meta { color: var(--muted); font-size: 0.9rem; line-height: 1.5; margin: 0.75rem 0 0; }
.meta a { color: inherit; }
.sep { padding-inline: 0.35em; }
.featured { margin: 0 0 2rem; }
.featured img { display: block; width: 100%; background: var(--surface); }
figcaption { color: var(--muted); font-size: 0.85rem; line-height: 1.45; margin-top: 0.5rem; }
.credit { display: inline-block; }
.post-body blockquote { margin-inline: 0; padding-left: 1.1em; border-left: 3px solid var(--line); font-style: italic; }
.post-body blockquote em { font-style: normal; }
.post-body hr { border: 0; border-top: 1px solid var(--line); width: 30%; margin: 2.5em auto; }
.post-body figure { margin-inline: 0; }
.post-body li + li { margin-top: 0.3em; }
code, kbd, samp { font-family: var(--mono); font-size: 0.85em; }
:not(pre) > code { background: var(--surface); padding: 0.1em 0.3em; border-radius: 3px; }
pre { background: var(--surface); padding: 1em; overflow-x: auto; line-height: 1.5; border-radius: 4px; }
.table-scroll { overflow-x: auto; margin: 0 0 1.2em; }
table { border-collapse: collapse; font-size: 0.95em; min-width: 60%; }
th, td { padding: 0.45em 0.75em; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-family: var(--sans); font-size: 0.9em; }
caption { caption-side: bottom; color: var(--muted); font-size: 0.85em; padding-top: 0.5em; }
.terms { font-size: 0.9rem; color: var(--muted); margin: 2.5rem 0 0; }
.terms p { margin: 0.25rem 0; }
.post-nav, .pagination { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 1rem; margin: 2.5rem 0; font-size: 0.95rem; }
.post-nav ul, .pagination ul { list-style: none; margin: 0; padding: 0; display: contents; }
.related { margin: 2.5rem 0; } .related h2 { font-size: 1.1rem; } .related ul { padding-left: 1.2rem; } .related time { color: var(--muted); font-size: 0.9rem; }
.pagination .next, .post-nav .next { margin-left: auto; text-align: right; }
.pagination .page { color: var(--muted); flex-basis: 100%; text-align: center; margin: 0; order: 3; }

.archive-header { margin-bottom: 2rem; }
.archive-header .description { color: var(--muted); }
.post-list { list-style: none; padding: 0; margin: 0; }
.post-list > li { padding: 0 0 1.75rem; margin: 0 0 1.75rem; border-bottom: 1px solid var(--line); }
.post-list :is(h2, h3) { margin: 0 0 0.25rem; font-size: 1.5rem; }
.post-list :is(h2, h3) a { color: var(--fg); text-decoration-color: var(--line); }
.post-list :is(h2, h3) a:hover { text-decoration-color: currentColor; }
.post-list .meta { margin: 0 0 0.6rem; }
.post-list p { margin: 0; }

.comments { margin-top: 3.5rem; border-top: 1px solid var(--line); padding-top: 0.5rem; }
.comment-list, .comment-list ol { list-style: none; margin: 0; padding: 0; }
.comment-list .children { margin-left: 1.25rem; padding-left: 1rem; border-left: 2px solid var(--line); }
.comment-body { margin: 0 0 1.5rem; }
.comment-meta { display: flex; flex-wrap: wrap; align-items: center; gap: 0.15rem 0.75rem; font-size: 0.9rem; line-height: 1.4; }
.avatar { flex: none; width: 2.5rem; height: 2.5rem; border-radius: 4px; }
.avatar rect { fill: var(--surface); }
.comment-author { font-weight: 700; }
.comment-date { color: var(--muted); }
.comment-content { margin-top: 0.5rem; font-size: 1.05rem; }
.comment-content > :last-child { margin-bottom: 0; }
.comment-content blockquote { margin-inline: 0; padding-left: 0.9em; border-left: 3px solid var(--line); }
.comment-content pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.comment-content a { overflow-wrap: anywhere; }
.reply { margin: 0.4rem 0 0; font-size: 0.9rem; }
.is-held > .comment-body { border-left: 4px dashed var(--held); padding: 0.5rem 0 0.5rem 0.75rem; background: var(--surface); }
.moderation-note { margin: 0.5rem 0 0; font: italic 0.9rem/1.4 var(--sans); }
.comments-closed { font-family: var(--sans); color: var(--muted); }

.comment-respond { margin-top: 2rem; }
.comment-list .comment-respond { margin: 0 0 2rem; }
.cancel-reply { margin: -0.25rem 0 1rem; font-size: 0.9rem; font-family: var(--sans); }
.comment-form { font-size: 1rem; line-height: 1.5; }
.field { margin: 0 0 1.1rem; }
.field label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.req { color: var(--error); }
input, textarea, button { font: inherit; color: inherit; }
input[type="text"], input[type="email"], input[type="url"], input[type="search"], textarea {
  display: block; width: 100%; padding: 0.5rem 0.6rem; background: var(--field);
  border: 1px solid var(--control); border-radius: 4px;
}
textarea { min-height: 10rem; resize: vertical; font-family: var(--serif); font-size: 1.05rem; line-height: 1.55; }
input[aria-invalid="true"], textarea[aria-invalid="true"] { border: 2px solid var(--error); }
.hint, .note { display: block; color: var(--muted); font-size: 0.875rem; margin-top: 0.25rem; font-weight: 400; }
.field-error { display: block; color: var(--error); font-weight: 600; font-size: 0.925rem; margin-bottom: 0.25rem; }
.check { display: flex; gap: 0.6rem; align-items: flex-start; margin: 0 0 0.6rem; }
.check input { width: 1.15rem; height: 1.15rem; margin: 0.2rem 0 0; flex: none; accent-color: var(--link); }
.required-note { color: var(--muted); font-size: 0.9rem; }
.form-submit { margin: 1.25rem 0 0; }
button {
  cursor: pointer; padding: 0.6rem 1.3rem; border: 2px solid var(--link); border-radius: 4px;
  background: var(--link); color: var(--bg); font-weight: 600;
}
button:hover { background: transparent; color: var(--link); }
.error-summary { border: 3px solid var(--error); border-radius: 4px; padding: 0.75rem 1rem; margin: 0 0 1.5rem; }
.error-summary h3 { margin: 0 0 0.5rem; font-size: 1.1rem; }
.error-summary ul { margin: 0; padding-left: 1.2rem; }
.error-summary a { color: var(--error); font-weight: 600; }

.not-found .search-form { display: flex; gap: 0.5rem; margin: 1.5rem 0 2.5rem; }
.search-form label { flex-basis: 100%; }
.search-form { flex-wrap: wrap; font-family: var(--sans); }
.search-form input { flex: 1 1 12rem; width: auto; }

@media (max-width: 30em) {
  body { font-size: 1.0625rem; line-height: 1.65; }
  .wrap { width: calc(100% - 2rem); }
  .site-header { margin-bottom: 1.75rem; }
  .comment-list .children { margin-left: 0.4rem; padding-left: 0.6rem; }
  .avatar { width: 2rem; height: 2rem; }
}
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #333; --link: #000; --visited: #000; --surface: #f4f4f4; }
  body { font-size: 11pt; }
  .skip-link, .site-nav, .comment-respond, .reply, .pagination, .post-nav, .search-form { display: none; }
  .post-body a[href*="://"]::after { content: " (" attr(href) ")"; font-size: 0.85em; overflow-wrap: anywhere; }
  pre, blockquote, figure, tr, img { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
}

/* Site search: a box under the header's title and nav, and the results page. */
.site-search { order: 3; flex: 1 1 100%; display: flex; gap: 0.5rem; margin-top: 0.75rem; font-family: var(--sans); font-size: 0.95rem; }
.site-search input[type="search"] { flex: 1 1 10rem; max-width: 20rem; padding: 0.35rem 0.5rem; }
.site-search button { padding: 0.35rem 0.9rem; }
.search-again { display: flex; gap: 0.5rem; margin: 1.5rem 0 2.5rem; }
.search-results .snippet { margin: 0; }
mark { padding: 0 0.1em; border-radius: 2px; }
@media print { .site-search { display: none; } }
`;
