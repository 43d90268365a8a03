/** What a masked password reads as. */
export const MASKED_PASSWORD = '***';

// scheme://user:password@ — the userinfo of a URI (RFC 3986 §3.2.1). Masked up to the last
// "@" of the URI (it ends at a space or a quote): a password with an unescaped "@" or "/" is
// wrong, but it is still a password. Masking too much hides a host, never a secret.
const PASSWORD_IN_URI = /([A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:/?#@"']*:)[^\s"']*@/g;

/**
 * `text` with the password of every URI in it masked, user and host kept:
 * `mongodb+srv://app:s3cret@cluster0.example.net/` → `mongodb+srv://app:***@cluster0.example.net/`.
 */
export function maskUriPasswords(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(PASSWORD_IN_URI, `$1${MASKED_PASSWORD}@`);
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
