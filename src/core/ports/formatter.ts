/** Turns what writers and readers type into safe HTML. Posts and comments have separate allowlists. */
export interface Formatter {
  post(markdown: string): string;
  comment(markdown: string): string;
  /** HTML from elsewhere (an imported post), passed through the post allowlist. */
  html(html: string): string;
  /** HTML from elsewhere (an imported comment), passed through the comment allowlist. */
  commentHtml(html: string): string;
}
