import { execFileSync } from 'node:child_process';

/**
 * Reads a topic with kcat exactly as the README tells operators to, and
 * returns one object per record: headers, key and value.
 */
export function readWithKcat(brokers: string, topic: string): { headers: Record<string, string>; key: string; value: string }[] {
  // The README's command, plus -e to exit at the end of the topic and a record separator for parsing.
  const output = execFileSync(
    'kcat',
    ['-b', brokers, '-t', topic, '-C', '-o', 'beginning', '-e', '-q', '-f', 'headers: %h\\nkey: %k\\nvalue: %s\\n--end--\\n'],
    { encoding: 'utf8', timeout: 20_000 },
  );
  return output
    .split('--end--\n')
    .filter((chunk) => chunk.trim() !== '')
    .map((chunk) => {
      const [headerLine, keyLine, ...valueLines] = chunk.split('\n');
      return {
        headers: parseHeaders(headerLine.replace(/^headers: /, '')),
        key: keyLine.replace(/^key: /, ''),
        value: valueLines.join('\n').replace(/^value: /, '').replace(/\n$/, ''),
      };
    });
}

// kcat prints headers as name=value pairs separated by commas.
function parseHeaders(line: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const match of line.matchAll(/(?:^|,)([^=,]+)=((?:[^,]|,(?![^=,]+=))*)/g)) headers[match[1]] = match[2];
  return headers;
}
