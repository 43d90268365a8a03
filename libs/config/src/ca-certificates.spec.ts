import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { kafkaCaCertificates, pemCertificates, pemCertificatesProblem, pemFileProblem } from './ca-certificates';

// Real certificates that ship with Node: any two will do.
const [FIRST, SECOND] = rootCertificates;

describe(pemCertificates.name, () => {
  it('should find every certificate when a bundle has text around them', () => {
    // Arrange
    const bundle = `# my CA\n${FIRST}\nsubject=...\n${SECOND}\n`;

    // Act
    const certificates = pemCertificates(bundle);

    // Assert
    expect(certificates).toEqual([FIRST.trim(), SECOND.trim()]);
  });

  it('should read a certificate when it was pasted on one line with \\n escapes', () => {
    // Arrange
    const oneLine = FIRST.trim().replaceAll('\n', '\\n');

    // Act
    const certificates = pemCertificates(oneLine);

    // Assert
    expect(certificates).toEqual([FIRST.trim()]);
  });
});

describe(pemCertificatesProblem.name, () => {
  it.each([
    { text: FIRST, problem: undefined },
    { text: `${FIRST}\n${SECOND}`, problem: undefined },
    { text: 'not a certificate', problem: 'holds no PEM certificate' },
    {
      text: '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----',
      problem: 'certificate 1 of 1 does not parse',
    },
    {
      text: `${FIRST}\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----`,
      problem: 'certificate 2 of 2 does not parse',
    },
  ])('should say $problem when the text is $text', ({ text, problem }) => {
    // Act
    const found = pemCertificatesProblem(text);

    // Assert
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});

describe(pemFileProblem.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ca-spec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    { name: 'ca.pem', content: FIRST, problem: undefined },
    { name: 'empty.pem', content: '', problem: 'holds no PEM certificate' },
    { name: 'missing.pem', content: undefined, problem: 'names no readable file' },
  ])('should say $problem when the file $name holds $content', ({ name, content, problem }) => {
    // Arrange
    const path = join(dir, name);
    if (content !== undefined) writeFileSync(path, content);

    // Act
    const found = pemFileProblem(path);

    // Assert
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it('should say it is not a file when the path is a folder', () => {
    // Act
    const found = pemFileProblem(dir);

    // Assert
    expect(found).toContain('not a file');
  });
});

describe(kafkaCaCertificates.name, () => {
  it('should read the file when KAFKA_SSL_CA_FILE is set', () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), 'ca-spec-'));
    const path = join(dir, 'ca.pem');
    writeFileSync(path, `${FIRST}\n${SECOND}`);

    // Act
    const certificates = kafkaCaCertificates({ KAFKA_SSL_CA_FILE: path });

    // Assert
    expect(certificates).toHaveLength(2);
    rmSync(dir, { recursive: true, force: true });
  });

  it('should split the text when KAFKA_SSL_CA_PEM is set', () => {
    // Act
    const certificates = kafkaCaCertificates({ KAFKA_SSL_CA_PEM: FIRST });

    // Assert
    expect(certificates).toEqual([FIRST.trim()]);
  });

  it("should leave Node's own list when neither is set", () => {
    // Act
    const certificates = kafkaCaCertificates({});

    // Assert
    expect(certificates).toBeUndefined();
  });
});
