import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { ImageRejected } from '../../core/ports/images.ts';
import { postPath } from '../../core/posts/permalink.ts';
import { readPostDraft } from '../../core/posts/post-file.ts';
import { publishPost } from '../../core/posts/publish.ts';
import { postPassword } from '../../core/posts/unlock.ts';
import { loadSettings } from '../../core/deps.ts';
import { siteUrl } from '../../config/load.ts';
import { withSite } from '../context.ts';
import { CliError, cliFailure } from '../errors.ts';
import { splitFrontMatter } from '../front-matter.ts';
import { readImageFile } from '../read-image.ts';

async function readInput(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code})`);
  }
}

export function postCommand(program: Command): void {
  const post = program.command('post').description('publish and manage posts');
  post
    .command('publish')
    .description(
      'publish a Markdown file with YAML front matter (title, slug, date, status, author, tags, categories, ' +
        'excerpt, comments: open|closed, image, image_alt, image_caption, image_credit, type: post|page); ' +
        'publishing the same slug again updates the post',
    )
    .argument('<file>', 'the Markdown file')
    .option(
      '--media <dir>',
      "the folder the image: path is read from (default: the post file's folder); nothing outside it is read",
    )
    .action(async (file: string, options: { media?: string }) => {
      const text = new TextDecoder().decode(await readInput(file));
      const split = splitFrontMatter(text);
      if ('error' in split) throw new CliError(`${file}: ${split.error}`);
      const draft = readPostDraft(split.meta, split.body);
      if (!draft.ok) throw new CliError(`${file}: ${draft.error.join('; ')}`);
      const imageName = draft.value.image?.file;

      await withSite(async (site) => {
        const settings = await loadSettings(site.core);
        const image = imageName
          ? await readImageFile(imageName, options.media ?? dirname(resolve(file)), settings.mediaMaxBytes)
          : null;
        let result;
        try {
          result = await publishPost({ ...site.core, images: site.images }, draft.value, image);
        } catch (e) {
          if (e instanceof ImageRejected) throw new CliError(e.message);
          throw e;
        }
        if (!result.ok) throw cliFailure(result.error, { subject: file });
        const { post: saved, created } = result.value;
        console.log(
          `${created ? 'published' : 'updated'} ${saved.type} #${saved.id} (${saved.status}): ` +
            `${siteUrl(site.config)}${postPath(saved, settings.permalink)}`,
        );
      });
    });

  post
    .command('password')
    .description(
      "print a password-protected post's password (to share with its readers); nothing is printed for a post without one",
    )
    .argument('<slug>', "the post's slug")
    .action(async (slug: string) => {
      await withSite(async (site) => {
        const result = await postPassword(site.core, slug);
        if (!result.ok) throw cliFailure(result.error, { subject: slug });
        if (result.value.password === '') console.error(`${slug}: not password-protected`);
        else console.log(result.value.password);
      });
    });
}
