// `npm run dlt -- list|replay ...`: client-b's dead letters from a terminal, over its admin API.
// Plain Node (fetch); the token comes from ADMIN_TOKEN (or --token, which shell history keeps).
import { parseArgs } from 'node:util';
import { formatTable } from './lib/table.mjs';

const USAGE = `usage:
  npm run dlt -- list   [--error-class <class>] [--since <ISO>] [--until <ISO>] [--limit <n>] [--cursor <partition:offset>] [--all-pages]
  npm run dlt -- replay --partition <p> --offset <o>
  npm run dlt -- replay (--error-class <class> | --since <ISO> | --until <ISO> ...) | --all
options: --url <client-b base URL> (else CLIENT_B_URL, else http://localhost:3001)
         --token <admin token>     (else ADMIN_TOKEN)`;

const OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
  'error-class': { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  'all-pages': { type: 'boolean' },
  partition: { type: 'string' },
  offset: { type: 'string' },
  all: { type: 'boolean' },
  help: { type: 'boolean' },
};

class UsageError extends Error {}

async function main(argv) {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [command] = positionals;
  if (values.help || !command) return console.log(USAGE);
  const url = (values.url ?? process.env.CLIENT_B_URL ?? 'http://localhost:3001').replace(/\/+$/, '');
  const token = values.token ?? process.env.ADMIN_TOKEN;
  if (!token) throw new UsageError('set ADMIN_TOKEN (or pass --token): the admin endpoints need it');
  const api = (path, init = {}) => call(url, token, path, init);
  if (command === 'list') return list(api, values);
  if (command === 'replay') return replay(api, values);
  throw new UsageError(`unknown command "${command}"`);
}

async function list(api, values) {
  const query = new URLSearchParams();
  if (values['error-class']) query.set('errorClass', values['error-class']);
  if (values.since) query.set('since', values.since);
  if (values.until) query.set('until', values.until);
  if (values.limit) query.set('limit', values.limit);
  let cursor = values.cursor;
  const rows = [];
  let topic;
  do {
    if (cursor) query.set('cursor', cursor);
    const page = await api(`/dead-letters?${query}`);
    topic = page.topic;
    rows.push(...page.deadLetters);
    cursor = page.nextCursor;
  } while (values['all-pages'] && cursor);
  console.log(`${topic}: ${rows.length} dead letter(s)`);
  if (rows.length > 0) console.log(formatTable(LIST_COLUMNS, rows));
  if (cursor)
    console.log(
      `more: npm run dlt -- list --cursor ${cursor}${values['error-class'] ? ` --error-class ${values['error-class']}` : ''}`,
    );
}

const LIST_COLUMNS = [
  { title: 'POSITION', value: (entry) => entry.position },
  { title: 'DEAD-LETTERED', value: (entry) => entry.deadLetteredAt },
  { title: 'ERROR', value: (entry) => entry.errorClass },
  { title: 'RETRIES', value: (entry) => entry.retries },
  { title: 'MESSAGE ID', value: (entry) => entry.messageId },
  { title: 'STATE', value: (entry) => (entry.storedAt ? 'delivered' : entry.replayedAt ? 'replayed' : 'dead letter') },
  { title: 'REASON', value: (entry) => entry.errorMessage },
  {
    title: 'PAYLOAD',
    value: (entry) => (typeof entry.payload === 'string' ? entry.payload : JSON.stringify(entry.payload)),
  },
];

async function replay(api, values) {
  const one = values.partition !== undefined || values.offset !== undefined;
  const filter = { errorClass: values['error-class'], since: values.since, until: values.until };
  const filtered = Object.values(filter).some((value) => value !== undefined);
  if (one && (filtered || values.all))
    throw new UsageError('replay one dead letter (--partition, --offset) or a filter, not both');
  if (one && (values.partition === undefined || values.offset === undefined))
    throw new UsageError('--partition and --offset go together');
  if (!one && !filtered && !values.all)
    throw new UsageError('say which dead letters: --partition and --offset, a filter, or --all');
  const body = one ? { partition: Number(values.partition), offset: values.offset } : filter;
  const outcome = await api('/dead-letters/replay', { method: 'POST', body: JSON.stringify(body) });
  if (outcome.entries.length > 0) console.log(formatTable(REPLAY_COLUMNS, outcome.entries, 80));
  console.log(
    `${outcome.replayed} replayed, ${outcome.alreadyReplayed} already replayed, ${outcome.notFound} not found, ` +
      `${outcome.notReplayable} not replayable${outcome.complete ? '' : ' (more matched: run it again)'}`,
  );
}

const REPLAY_COLUMNS = [
  { title: 'DEAD LETTER', value: (entry) => entry.deadLetter },
  { title: 'MESSAGE ID', value: (entry) => entry.messageId },
  { title: 'RESULT', value: (entry) => entry.result.replace('-', ' ') },
];

async function call(url, token, path, init) {
  const headers = { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) };
  let response;
  try {
    response = await fetch(`${url}${path}`, { ...init, headers, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw new Error(`could not reach client-b at ${url}: ${error.cause?.message ?? error.message}`);
  }
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) throw new Error(`client-b answered ${response.status}: ${body.message ?? text}`);
  return body;
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`dlt: ${error.message}`);
  if (error instanceof UsageError || error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') console.error(USAGE);
  process.exit(error instanceof UsageError ? 2 : 1);
});
