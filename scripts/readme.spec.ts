import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The README and every page under docs/ as GitHub shows them: links that lead somewhere,
// anchors that land on a heading, and npm scripts that exist.
const ROOT = join(__dirname, '..');

interface Link {
  page: string;
  target: string;
}

const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

function markdownUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return markdownUnder(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const PAGES = ['README.md', ...markdownUnder('docs')];

/** The text GitHub renders as prose: fenced code blocks and inline code taken out. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** A heading's anchor by GitHub's rules: lower case, punctuation dropped but `-` and `_`, spaces to hyphens. */
function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a page's headings get; a repeated heading gets -1, -2, … as on GitHub. */
function anchorsOf(markdown: string): string[] {
  const withoutFences = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  const seen = new Map<string, number>();
  const anchors: string[] = [];
  for (const [, heading] of withoutFences.matchAll(/^#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/gm)) {
    const base = slug(heading);
    let anchor = base;
    while (seen.has(anchor)) {
      const count = seen.get(base)! + 1;
      seen.set(base, count);
      anchor = `${base}-${count}`;
    }
    seen.set(anchor, 0);
    anchors.push(anchor);
  }
  return anchors;
}

/** Links to this repository's files and headings: inline links and images, not URLs with a scheme. */
function relativeLinks(page: string): Link[] {
  const targets = [...prose(read(page)).matchAll(/!?\[[^\]]*\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)].map(
    ([, target]) => target,
  );
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target)).map((target) => ({ page, target }));
}

/** The file a link opens, relative to the root; the page itself for `#anchor`. */
function fileOf({ page, target }: Link): string {
  const path = decodeURI(target.split('#')[0]);
  if (path === '') return page;
  return relative(ROOT, path.startsWith('/') ? join(ROOT, path) : resolve(ROOT, dirname(page), path));
}

const describeLink = ({ page, target }: Link): string => `${page} → ${target}`;
const links = PAGES.flatMap(relativeLinks);

describe('the README and the docs pages', () => {
  it.each([
    [
      'Operations: health, metrics, dead letters, replay, tokens',
      'operations-health-metrics-dead-letters-replay-tokens',
    ],
    ['The SASL_SSL listener', 'the-sasl_ssl-listener'],
    ["client-b's inbox", 'client-bs-inbox'],
    ['Request/reply', 'requestreply'],
    ['4. Render', '4-render'],
    ['What `npm run bench` measures', 'what-npm-run-bench-measures'],
    ['[Linked](somewhere.md) heading', 'linked-heading'],
  ])('should slug the heading %p as GitHub does, to %p', (heading, expected) => {
    expect(slug(heading)).toBe(expected);
  });

  it('should number repeated headings as GitHub does', () => {
    expect(anchorsOf('# Tests\n## Tests\n```\n# not a heading\n```\n## Tests\n')).toEqual([
      'tests',
      'tests-1',
      'tests-2',
    ]);
  });

  it('should find the pages and their links when it reads the repository', () => {
    expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'docs/operations.md', 'docs/configuration.md']));
    expect(links.length).toBeGreaterThan(PAGES.length);
  });

  it('should link only to files that exist', () => {
    const missing = links.filter((link) => !existsSync(join(ROOT, fileOf(link)))).map(describeLink);

    expect(missing).toEqual([]);
  });

  it('should link only to headings that exist when a link names an anchor', () => {
    const anchored = links.filter(({ target }) => target.includes('#'));
    const broken = anchored
      .filter((link) => fileOf(link).endsWith('.md') && existsSync(join(ROOT, fileOf(link))))
      .filter((link) => !anchorsOf(read(fileOf(link))).includes(decodeURI(link.target.split('#')[1])))
      .map(describeLink);

    expect(anchored.length).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });

  it('should name only npm scripts that package.json defines', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const names = Object.keys(scripts);
    const named = PAGES.flatMap((page) =>
      [...read(page).matchAll(/\bnpm (?:run ([\w:.-]+)|(start|test)\b)/g)].map(([, run, builtIn]) => ({
        page,
        script: run ?? builtIn,
      })),
    );
    const unknown = named
      .filter(({ script }) => !names.includes(script))
      .map(({ page, script }) => `${page}: npm run ${script}`);

    expect(named.map(({ script }) => script)).toEqual(expect.arrayContaining(['start', 'test', 'dlt', 'bench']));
    expect(unknown).toEqual([]);
  });
});
