import type { Language, Typography } from '../site/settings.ts';

/** How a post's Markdown treats quotes and dashes: the site's `typography` setting and its language. */
export interface TextStyle {
  typography: Typography;
  language: Language;
}

/** Turns what writers and readers type into safe HTML. Posts and comments have separate allowlists. */
export interface Formatter {
  /** Without a style, every character is kept as typed. */
  post(markdown: string, style?: TextStyle): string;
  comment(markdown: string): string;
  /** HTML from elsewhere (an imported post), passed through the post allowlist. */
  html(html: string): string;
  /** HTML from elsewhere (an imported comment), passed through the comment allowlist. */
  commentHtml(html: string): string;
}
