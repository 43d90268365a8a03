import { createSecretScrubber, REDACTED } from './create-secret-scrubber';

describe(createSecretScrubber.name, () => {
  it('should replace every occurrence of each secret when a line carries them', () => {
    const scrub = createSecretScrubber(['sasl-Secret-1', 'admin-token-2']);
    const line = JSON.stringify({
      msg: 'auth sasl-Secret-1 failed',
      header: 'Bearer admin-token-2',
      again: 'sasl-Secret-1',
    });

    const scrubbed = scrub(line);

    expect(scrubbed).not.toContain('sasl-Secret-1');
    expect(scrubbed).not.toContain('admin-token-2');
    expect(JSON.parse(scrubbed)).toEqual({
      msg: `auth ${REDACTED} failed`,
      header: `Bearer ${REDACTED}`,
      again: REDACTED,
    });
  });

  it('should find a secret when JSON escaped its quote or backslash', () => {
    const secret = 'pa"ss\\word';
    const line = JSON.stringify({ msg: `the password is ${secret}` });

    const scrubbed = createSecretScrubber([secret])(line);

    expect((JSON.parse(scrubbed) as { msg: string }).msg).toBe(`the password is ${REDACTED}`);
  });

  it('should replace the longer secret whole when one secret contains another', () => {
    const scrubbed = createSecretScrubber(['abcd', 'abcdefgh'])('x abcdefgh y abcd');

    expect(scrubbed).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  it('should mask the password of a URI when the secret list does not know it', () => {
    const line = JSON.stringify({ msg: 'connecting to mongodb://app:unknown-pw@db:27017/' });

    expect(createSecretScrubber([])(line)).toBe(JSON.stringify({ msg: 'connecting to mongodb://app:***@db:27017/' }));
  });

  it.each([
    { label: 'unset', secrets: [undefined] },
    { label: 'shorter than 4 characters', secrets: ['abc'] },
  ])('should leave the line as it is when a secret is $label', ({ secrets }) => {
    const line = '{"msg":"abc def"}';

    expect(createSecretScrubber(secrets)(line)).toBe(line);
  });
});
