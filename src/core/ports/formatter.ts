/** Turns what writers and readers type into safe HTML. Posts and comments have separate allowlists. */
export interface Formatter {
  post(markdown: string): string;
  comment(markdown: string): string;
}
