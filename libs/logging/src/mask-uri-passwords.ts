/** What a masked password reads as. */
export const MASKED_PASSWORD = '***';

const SCHEME_SEPARATOR = '://';

/**
 * `text` with the password of every URI in it masked, user and host kept:
 * `mongodb+srv://app:s3cret@cluster0.example.net/` → `mongodb+srv://app:***@cluster0.example.net/`.
 *
 * What counts as a password is the userinfo of RFC 3986 §3.2.1, `scheme://user:password@`,
 * masked up to the last "@" before the URI ends (at a space or a quote): a password with an
 * unescaped "@" or "/" is wrong, but it is still a password. Masking too much hides a host,
 * never a secret. One pass over the text, each character looked at a bounded number of
 * times: a regular expression with these greedy runs backtracks quadratically on a long
 * line of `://` and letters, and this runs over every log line.
 */
export function maskUriPasswords(text: string): string {
  if (!text.includes(SCHEME_SEPARATOR) || !text.includes('@')) return text;
  const parts: string[] = [];
  const run = new UriRunScanner(text);
  let copiedUpTo = 0;
  let separator = text.indexOf(SCHEME_SEPARATOR);
  while (separator >= 0) {
    const at = separator >= copiedUpTo ? passwordEnd(text, separator, run) : undefined;
    if (at === undefined) {
      separator = text.indexOf(SCHEME_SEPARATOR, separator + 1);
      continue;
    }
    parts.push(text.slice(copiedUpTo, at.passwordStart), MASKED_PASSWORD);
    copiedUpTo = at.index;
    separator = text.indexOf(SCHEME_SEPARATOR, at.index + 1);
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

/**
 * Where the password of the URI whose `://` is at `separator` starts, and the index of the
 * "@" that ends it; undefined when that `://` starts no URI with a password.
 */
function passwordEnd(
  text: string,
  separator: number,
  run: UriRunScanner,
): { passwordStart: number; index: number } | undefined {
  if (!hasScheme(text, separator)) return undefined;
  let colon = separator + SCHEME_SEPARATOR.length;
  while (colon < text.length && isUserCharacter(text.charCodeAt(colon))) colon++;
  if (text.charCodeAt(colon) !== COLON) return undefined;
  const passwordStart = colon + 1;
  const index = run.lastAtFrom(passwordStart);
  return index === undefined ? undefined : { passwordStart, index };
}

/**
 * The last "@" of the run of URI characters (no space, no quote) a position is in. Runs are
 * measured once each: every `://` of one run asks about the same run.
 */
class UriRunScanner {
  private runEnd = -1;
  private lastAt = -1;

  constructor(private readonly text: string) {}

  lastAtFrom(position: number): number | undefined {
    if (position > this.runEnd) this.measureRunFrom(position);
    return this.lastAt >= position ? this.lastAt : undefined;
  }

  private measureRunFrom(position: number): void {
    let index = position;
    this.lastAt = -1;
    for (; index < this.text.length; index++) {
      const code = this.text.charCodeAt(index);
      if (endsUri(code)) break;
      if (code === AT) this.lastAt = index;
    }
    this.runEnd = index;
  }
}

// `[A-Za-z][A-Za-z0-9+.-]*` right before "://": scheme characters back to a letter. Stops
// at the first non-scheme character, so the stretches walked for different "://" never overlap.
function hasScheme(text: string, separator: number): boolean {
  for (let index = separator - 1; index >= 0; index--) {
    const code = text.charCodeAt(index);
    if (isLetter(code)) return true;
    if (!isDigit(code) && code !== PLUS && code !== DOT && code !== MINUS) return false;
  }
  return false;
}

const [COLON, AT, PLUS, DOT, MINUS, SLASH, QUESTION, HASH, QUOTE, APOSTROPHE] = [
  ':',
  '@',
  '+',
  '.',
  '-',
  '/',
  '?',
  '#',
  '"',
  "'",
].map((character) => character.charCodeAt(0));

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

// The user of `user:password`: anything but a space, a quote or a URI delimiter.
function isUserCharacter(code: number): boolean {
  return !endsUri(code) && code !== COLON && code !== SLASH && code !== QUESTION && code !== HASH && code !== AT;
}

// A space (what a regular expression's \s matches) or a quote ends a URI in a line of text.
function endsUri(code: number): boolean {
  return code === QUOTE || code === APOSTROPHE || isSpace(code);
}

function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * The password of a URI's userinfo, as written and percent-decoded; none when it has none.
 * Read up to the last "@" before the path, so a password with an unescaped "/" or "@" is
 * still found (the driver refuses it, but the refusal may be logged).
 */
export function passwordsInUri(uri: string): string[] {
  const schemeEnd = uri.indexOf('://');
  if (schemeEnd < 0) return [];
  const rest = uri.slice(schemeEnd + 3);
  const at = rest.lastIndexOf('@');
  const colon = rest.indexOf(':');
  if (at < 0 || colon < 0 || colon > at) return [];
  const password = rest.slice(colon + 1, at);
  if (password === '') return [];
  return [...new Set([password, decoded(password)])];
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
