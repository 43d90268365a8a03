/**
 * What is wrong with a MongoDB connection string, or undefined when the driver will
 * accept its form: the rules of the driver's own parser (mongodb-connection-string-url),
 * checked at start-up because the driver's messages quote the whole URI, password and all.
 * The answer never contains any part of the URI.
 */
export function mongodbUriProblem(uri: unknown): string | undefined {
  if (typeof uri !== 'string') return 'must be a string';
  const scheme = /^(mongodb|mongodb\+srv):\/\//.exec(uri);
  if (!scheme) return 'must start with mongodb:// or mongodb+srv://';
  const srv = scheme[1] === 'mongodb+srv';
  const rest = uri.slice(scheme[0].length);
  // The authority ends at the first "/" or "?"; the last "@" in it ends the user info.
  const authority = rest.split(/[/?]/, 1)[0];
  const at = authority.lastIndexOf('@');
  const userInfo = at === -1 ? undefined : authority.slice(0, at);
  const hosts = authority.slice(at + 1);
  if (userInfo !== undefined) {
    const problem = userInfoProblem(userInfo);
    if (problem) return problem;
  }
  if (hosts === '') return 'names no host';
  const hostsProblem = srv ? srvHostProblem(hosts) : hosts.split(',').map(hostProblem).find(Boolean);
  return hostsProblem ?? queryProblem(rest);
}

function userInfoProblem(userInfo: string): string | undefined {
  if (userInfo === '' || userInfo.startsWith(':')) return 'has an empty user name before "@"';
  const [user, ...passwordParts] = userInfo.split(':');
  const password = passwordParts.join(':');
  const unescaped = /[:/?#[\]@]/;
  if (unescaped.test(user) || unescaped.test(password) || passwordParts.length > 1) {
    return 'has unescaped characters (: / ? # [ ] @) in its user name or password: percent-encode them';
  }
  try {
    decodeURIComponent(user);
    decodeURIComponent(password);
  } catch {
    return 'has a malformed percent-encoding in its user name or password';
  }
  return undefined;
}

function srvHostProblem(hosts: string): string | undefined {
  if (hosts.includes(',')) return 'a mongodb+srv:// URI names one host (the cluster), not several';
  if (hosts.includes(':')) return 'a mongodb+srv:// URI names its host without a port';
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(hosts))
    return 'a mongodb+srv:// URI names a DNS host name such as cluster0.abcde.mongodb.net';
  return undefined;
}

function hostProblem(host: string): string | undefined {
  // host, host:port, [IPv6]:port, or a percent-encoded Unix socket path
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._%-]+)(?::(\d{1,5}))?$/.exec(host);
  if (!match) return 'has a host that is not host or host:port';
  if (match[2] !== undefined && (Number(match[2]) < 1 || Number(match[2]) > 65535)) return 'has a port outside 1-65535';
  return undefined;
}

function queryProblem(rest: string): string | undefined {
  const query = rest.includes('?') ? rest.slice(rest.indexOf('?') + 1) : '';
  if (query === '') return undefined;
  // As URLSearchParams reads it: empty segments are skipped, a value may itself hold "=".
  return query.split('&').some((pair) => pair !== '' && !/^[^=]+=.+$/.test(pair))
    ? 'has an option without a value after "?" (name=value&name=value)'
    : undefined;
}
