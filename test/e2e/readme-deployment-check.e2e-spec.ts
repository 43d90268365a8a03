import { spawnSync } from 'node:child_process';
import { readProjectFile } from './support/deployment-files';
import { MessagingSystem } from './support/messaging-system';

jest.setTimeout(120_000);

const INBOX_TOKEN = 'readme-check-inbox-token-0123456789abcdef';

/**
 * The curl commands of docs/deployment.md's "Check it" step (after a Render deploy), with
 * `\` continuations joined; the lines that set CLIENT_A_URL / CLIENT_B_URL are left out,
 * since the test points those at local services.
 */
function readmeDeploymentChecks(): string[] {
  const readme = readProjectFile('docs/deployment.md');
  const block = /```bash\n(CLIENT_A_URL=[\s\S]*?)```/.exec(readme)?.[1];
  if (!block)
    throw new Error('docs/deployment.md: no ```bash block starting with CLIENT_A_URL= (the deployment check)');
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .filter((line) => line.startsWith('curl '));
}

describe("docs/deployment.md's deployment check, run against local services", () => {
  const system = new MessagingSystem({ INBOX_TOKEN });
  let env: Record<string, string>;

  beforeAll(async () => {
    await system.open();
    const { url: clientAUrl } = await system.start('client-a');
    const { url: clientBUrl } = await system.start('client-b');
    env = { PATH: process.env.PATH ?? '', CLIENT_A_URL: clientAUrl, CLIENT_B_URL: clientBUrl, INBOX_TOKEN };
  });

  afterAll(() => system.close());

  it('should check both services, send a message that is delivered, and find it in the inbox', () => {
    const checks = readmeDeploymentChecks();
    expect(checks.map((command) => /"\$(CLIENT_[AB]_URL)(\/[^"?]*)/.exec(command)?.slice(1).join(''))).toEqual([
      'CLIENT_A_URL/health/ready',
      'CLIENT_B_URL/health/ready',
      'CLIENT_A_URL/send-message',
      'CLIENT_B_URL/messages',
    ]);

    const outputs = checks.map((command) => {
      // A POSIX shell, as a reader's; its error output is kept to name a failure.
      const result = spawnSync('sh', ['-c', command], { env, encoding: 'utf8', timeout: 30_000 });
      expect({ command, status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({
        command,
        status: 0,
        stderr: '',
      });
      return result.stdout;
    });

    const sent = JSON.parse(outputs[2]) as { messageId: string; status: string };
    expect(sent.status).toBe('delivered');
    const inbox = JSON.parse(outputs[3]) as { messages: { messageId: string; message: string }[] };
    expect(inbox.messages.map(({ messageId }) => messageId)).toEqual([sent.messageId]);
  });
});
