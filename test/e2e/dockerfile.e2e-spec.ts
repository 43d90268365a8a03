import { spawn } from 'node:child_process';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { validate } from 'dockerfile-utils';
import {
  nvmrcNodeVersion,
  packageJson,
  projectScripts,
  readProjectFile,
  serviceNodeOptions,
} from './support/deployment-files';
import { DockerStage, execForm, parseDockerfile, stageChain } from './support/dockerfile';

// No Docker engine is needed: the Dockerfile is read, linted and compared with what the
// project's own scripts run; the one command it runs itself (HEALTHCHECK) is run here.
describe('the Dockerfile', () => {
  const text = readProjectFile('Dockerfile');
  const stages = parseDockerfile(text);
  const scripts = projectScripts();
  const runs = (stage: DockerStage) =>
    stage.instructions.filter(({ keyword }) => keyword === 'RUN').map(({ args }) => args);
  const last = (chain: DockerStage[], keyword: string) =>
    chain
      .flatMap((stage) => stage.instructions)
      .filter((instruction) => instruction.keyword === keyword)
      .at(-1)?.args;

  it('should pass the Dockerfile linter (dockerfile-utils) without a finding', () => {
    const findings = validate(text).map(
      ({ range, message }) => `line ${range.start.line + 1}: ${typeof message === 'string' ? message : message.value}`,
    );

    expect(findings).toEqual([]);
  });

  it('should build from the exact node:<version>-bookworm-slim that .nvmrc names', () => {
    const version = nvmrcNodeVersion();
    const baseImages = stages
      .map((stage) => stage.image)
      .filter((image) => !stages.some((stage) => stage.name === image));

    expect(new Set(baseImages)).toEqual(new Set([`node:${version}-bookworm-slim`]));
  });

  it('should install and build with the commands npm test runs: npm ci as ensure-dependencies does, then the build script', () => {
    const build = stages.find((stage) => stage.name === 'build')!;

    expect(runs(build)).toEqual([`npm ${scripts.npmCiArgs.join(' ')}`, 'npm run build']);
    // The build script compiles each app as scripts/lib/build.mjs does (`nest build <app>`).
    expect(packageJson().scripts.build).toBe(scripts.apps.map((app) => `nest build ${app}`).join(' && '));
  });

  it('should install production dependencies only, and run as a non-root user with NODE_ENV=production', () => {
    for (const app of scripts.apps) {
      const chain = stageChain(stages, app);
      const installs = chain.flatMap(runs).filter((command) => command.startsWith('npm '));

      expect(installs).toHaveLength(1);
      expect(installs[0]).toMatch(/^npm ci --omit=dev( |$)/);
      expect(last(chain, 'USER')).toBe('node');
      expect(
        chain
          .flatMap((stage) => stage.instructions)
          .some(({ keyword, args }) => keyword === 'ENV' && args === 'NODE_ENV=production'),
      ).toBe(true);
    }
  });

  it("should start each app from its built entry point with package.json's heap options", () => {
    for (const app of scripts.apps) {
      const chain = stageChain(stages, app);
      const copies = chain
        .at(-1)!
        .instructions.filter(({ keyword }) => keyword === 'COPY')
        .map(({ args }) => args);

      expect(copies).toContain(`--from=build /app/dist/apps/${app} dist/apps/${app}`);
      expect(execForm(last(chain, 'CMD')!)).toEqual(['node', ...serviceNodeOptions(), scripts.entryPoints[app]]);
    }
  });

  it('should have a stage for every target docs/deployment.md and the Dockerfile itself build', () => {
    const documented = [...(readProjectFile('docs/deployment.md') + text).matchAll(/docker build --target (\S+)/g)].map(
      ([, target]) => target,
    );

    expect(new Set(documented)).toEqual(new Set(scripts.apps));
    for (const target of documented) expect(stages.map((stage) => stage.name)).toContain(target);
  });

  it('should send nothing to the build but what its COPY lines take', () => {
    const ignore = readProjectFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    const sources = stages
      .flatMap((stage) => stage.instructions)
      .filter(({ keyword, args }) => keyword === 'COPY' && !args.startsWith('--from'))
      .flatMap(({ args }) => args.split(' ').slice(0, -1));

    expect(ignore[0]).toBe('**');
    expect(new Set(sources)).toEqual(
      new Set(ignore.filter((line) => line.startsWith('!')).map((line) => line.slice(1))),
    );
  });

  describe('its HEALTHCHECK, run as Docker runs it', () => {
    let server: Server;
    let status = 200;
    const requested: string[] = [];

    beforeAll(async () => {
      server = createServer((request, response) => {
        requested.push(request.url ?? '');
        response.writeHead(status).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });

    afterAll(() => new Promise((resolve) => server.close(resolve)));

    const runHealthcheck = (port: number): Promise<number | null> => {
      const healthchecks = stages
        .flatMap((stage) => stage.instructions)
        .filter(({ keyword }) => keyword === 'HEALTHCHECK');
      expect(healthchecks).toHaveLength(1);
      const [command, ...args] = execForm(healthchecks[0].args.slice(healthchecks[0].args.indexOf('CMD')));
      expect(command).toBe('node'); // the image has no curl
      const child = spawn(process.execPath, args, { env: { PORT: String(port) }, stdio: 'ignore' });
      return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    };
    const port = () => (server.address() as AddressInfo).port;

    it('should exit 0 when GET /health/ready answers 200', async () => {
      status = 200;

      expect(await runHealthcheck(port())).toBe(0);
      expect(requested.at(-1)).toBe('/health/ready');
    });

    it('should exit 1 when GET /health/ready answers 503', async () => {
      status = 503;

      expect(await runHealthcheck(port())).toBe(1);
    });

    it('should exit 1 when nothing listens on PORT', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const freePort = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));

      expect(await runHealthcheck(freePort)).toBe(1);
    });
  });
});
