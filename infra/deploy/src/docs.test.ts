import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath, repoRoot } from './repo.js';

/** Every file of the repository: tracked by git, or new and not ignored (what the next commit may hold). */
const trackedFiles = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: repoRoot,
  encoding: 'utf8',
})
  .split('\0')
  .filter((file) => file !== '' && existsSync(repoPath(file)));

const textFiles = trackedFiles.filter(
  (file) => !/\.(png|jpe?g|gif|ico|woff2?|pdf)$/.test(file) && file !== 'pnpm-lock.yaml',
);

/**
 * The design notes this project started from live outside the repository: a clone does not have
 * them, so nothing may send its reader there. Spelt in pieces so that this file does not match.
 */
const outsideNotes = [
  new RegExp(['shared', 'design'].join('/')),
  new RegExp(`\\.\\./${'shared'}/`),
  ...['STACK', 'STYLE', 'ARCHITECTURE'].map((name) => new RegExp(`\\b${name}\\.md\\b`)),
];

/**
 * Files the docs link to that a command of the repository writes: `pnpm bench` writes the
 * measured figures, to be committed from a run on a quiet machine.
 */
const writtenByCommands = ['docs/performance.md'];

/** The targets of a markdown file's links and images that are not web addresses (`#anchor` is this file). */
function relativeLinks(markdown: string): string[] {
  const targets = [
    ...[...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1] ?? ''),
    ...[...markdown.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1] ?? ''),
  ];
  return targets.filter((target) => !/^[a-z][a-z+.-]*:/i.test(target));
}

describe('the repository documentation', () => {
  it('sends no reader to design notes outside the repository', () => {
    const referrers = textFiles.flatMap((file) => {
      const lines = readFileSync(repoPath(file), 'utf8').split('\n');
      return lines.flatMap((line, index) =>
        outsideNotes.some((pattern) => pattern.test(line)) ? [`${file}:${index + 1}: ${line.trim()}`] : [],
      );
    });
    expect(referrers).toEqual([]);
  });

  it('links only to files the repository has', () => {
    const tracked = new Set([...trackedFiles, ...writtenByCommands]);
    const directories = new Set(trackedFiles.flatMap((file) => ancestors(file)));
    const broken = trackedFiles
      .filter((file) => file.endsWith('.md'))
      .flatMap((file) =>
        relativeLinks(readFileSync(repoPath(file), 'utf8')).flatMap((target) => {
          const linked = decodeURI(target.split('#')[0] ?? '');
          const path = linked === '' ? file : relative(repoRoot, join(repoRoot, dirname(file), linked));
          const found = tracked.has(path) || directories.has(path.replace(/\/$/, ''));
          if (!found) return [`${file}: ${target}`];
          const anchor = target.split('#')[1];
          const readable = path.endsWith('.md') && existsSync(repoPath(path));
          if (anchor === undefined || !readable) return [];
          return headingAnchors(readFileSync(repoPath(path), 'utf8')).has(decodeURI(anchor))
            ? []
            : [`${file}: ${target} (no such heading)`];
        }),
      );
    expect(broken).toEqual([]);
  });
});

/** The anchors GitHub gives a markdown file's headings: `## Answers, in order` → `answers-in-order`. */
function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading = ''] of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** `a/b/c.md` → `a`, `a/b`. */
function ancestors(file: string): string[] {
  const parts = file.split('/').slice(0, -1);
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}
