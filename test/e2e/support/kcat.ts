import { execFileSync } from 'node:child_process';

/** A SASL_SSL listener as the runbook reaches Confluent Cloud: PLAIN user, and the CA file when it is a private one. */
export interface KcatSaslSsl {
  username: string;
  password: string;
  caFile: string;
}

/**
 * Reads a topic with kcat exactly as the runbook (docs/retry-and-dead-letter.md) tells
 * operators to, and returns one object per record: headers, key and value.
 */
export function readWithKcat(
  brokers: string,
  topic: string,
  saslSsl?: KcatSaslSsl,
): { headers: Record<string, string>; key: string; value: string }[] {
  // The runbook's command, plus -e to exit at the end of the topic and a record separator for parsing.
  const security = saslSsl
    ? [
        '-X',
        'security.protocol=SASL_SSL',
        '-X',
        'sasl.mechanisms=PLAIN',
        '-X',
        `sasl.username=${saslSsl.username}`,
        '-X',
        `sasl.password=${saslSsl.password}`,
        '-X',
        `ssl.ca.location=${saslSsl.caFile}`,
      ]
    : [];
  const output = runKcat(
    [
      '-b',
      brokers,
      ...security,
      '-t',
      topic,
      '-C',
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      'headers: %h\\nkey: %k\\nvalue: %s\\n--end--\\n',
    ],
    saslSsl?.password,
  );
  return output
    .split('--end--\n')
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => {
      const [headerLine, keyLine, ...valueLines] = chunk.split('\n');
      return {
        headers: parseHeaders(headerLine.replace(/^headers: /, '')),
        key: keyLine.replace(/^key: /, ''),
        value: valueLines
          .join('\n')
          .replace(/^value: /, '')
          .replace(/\n$/, ''),
      };
    });
}

// A failed run's error would quote the whole command line, password included: say only how it ended.
function runKcat(args: string[], secret: string | undefined): string {
  try {
    return execFileSync('kcat', args, { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { status, signal, stderr } = error as { status?: number; signal?: string; stderr?: string };
    const said = `${stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ');
    const text = `kcat failed (${signal ?? `exit ${status}`}): ${said}`;
    throw new Error(secret ? text.replaceAll(secret, '***') : text);
  }
}

// kcat prints headers as name=value pairs separated by commas.
function parseHeaders(line: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const match of line.matchAll(/(?:^|,)([^=,]+)=((?:[^,]|,(?![^=,]+=))*)/g)) headers[match[1]] = match[2];
  return headers;
}
