import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { infraKafkaVersion, projectScripts, readProjectFile, ROOT } from './support/deployment-files';
import { parseDockerfile } from './support/dockerfile';

interface ComposeService {
  image?: string;
  build?: { context: string; target?: string };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: { published: number; target: number }[];
  volumes?: string[];
  profiles?: string[];
}

// Debian's docker-compose (installed by `npm test`) reads and validates the file without a
// Docker engine; its `config` output is the file as Compose understands it, defaults applied.
const compose = (...args: string[]) =>
  spawnSync('docker-compose', ['-f', 'docker-compose.yml', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });

// An exact version: 4.1.2, v1.5.0, 7.4.11-bookworm; not `latest`, `8` or `4.1`.
const EXACT_TAG = /^v?\d+\.\d+\.\d+(-[\w.]+)?$/;

describe('docker-compose.yml, checked offline with docker-compose config', () => {
  const { apps } = projectScripts();
  let services: Record<string, ComposeService>;

  beforeAll(() => {
    const result = compose('config');
    if (result.error)
      throw new Error(
        `docker-compose could not run (${result.error.message}); \`npm test\` installs it from Debian's packages`,
      );
    if (result.status !== 0) throw new Error(`docker-compose config failed: ${result.stderr}`);
    services = (parse(result.stdout) as { services: Record<string, ComposeService> }).services;
  });

  it('should be a valid Compose file: `docker-compose config -q` exits 0 and prints no warning', () => {
    const result = compose('config', '-q');

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('should pin every image it pulls to an exact version, and build the apps from the Dockerfile', () => {
    const stageNames = parseDockerfile(readProjectFile('Dockerfile')).map((stage) => stage.name);

    for (const [name, service] of Object.entries(services)) {
      if (service.build) {
        expect({ name, target: service.build.target }).toEqual({ name, target: name });
        expect(stageNames).toContain(name);
        continue;
      }
      const [, tag = ''] = /^[^:]+:(.+)$/.exec(service.image ?? '') ?? [];
      expect({ name, tag, exact: EXACT_TAG.test(tag) }).toEqual({ name, tag, exact: true });
    }
    expect(
      Object.keys(services)
        .filter((name) => services[name].build)
        .sort(),
    ).toEqual([...apps].sort());
  });

  it('should run the Kafka version the local infrastructure runs (infra/kafka/pom.xml)', () => {
    expect(services.kafka.image).toBe(`apache/kafka:${infraKafkaVersion()}`);
  });

  it('should start the apps only once Kafka, MongoDB and Redis are healthy, each with a healthcheck', () => {
    for (const app of apps) {
      const dependencies = services[app].depends_on ?? {};

      expect(dependencies).toEqual({
        kafka: { condition: 'service_healthy' },
        mongo: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
      for (const dependency of Object.keys(dependencies))
        expect(services[dependency].healthcheck?.test.length).toBeGreaterThan(0);
    }
  });

  it("should point the apps at the broker's internal listener, MongoDB and Redis, and publish 3000 and 3001", () => {
    const advertised = services.kafka.environment!.KAFKA_ADVERTISED_LISTENERS.split(',');
    const internal = advertised.find((listener) =>
      listener.startsWith(`${services.kafka.environment!.KAFKA_INTER_BROKER_LISTENER_NAME}://`),
    )!;

    for (const app of apps) {
      const env = services[app].environment!;
      expect(env.KAFKA_BROKERS).toBe(internal.split('://')[1]);
      expect(new URL(env.MONGODB_URI).hostname).toBe('mongo');
      expect(new URL(env.REDIS_URL).hostname).toBe('redis');
    }
    expect(services['client-a'].ports).toEqual([expect.objectContaining({ published: 3000, target: 3000 })]);
    expect(services['client-b'].ports).toEqual([expect.objectContaining({ published: 3001, target: 3001 })]);
  });

  it("should keep Kafka's, MongoDB's and Redis's data in named volumes", () => {
    // `config` prints volumes as source:target:mode; a named volume's source is not a path.
    const volumeAt = (service: string) =>
      services[service].volumes?.map((volume) => volume.split(':')).find(([source]) => !source.startsWith('/'))?.[1];

    expect(volumeAt('kafka')).toBe(services.kafka.environment!.KAFKA_LOG_DIRS);
    expect(volumeAt('mongo')).toBe('/data/db');
    expect(volumeAt('redis')).toBe('/data');
  });

  it('should have every profile the documentation starts', () => {
    const docs = readProjectFile('docs/deployment.md') + readProjectFile('docs/monitoring/README.md');
    const started = [...docs.matchAll(/docker compose --profile (\S+)/g)].map(([, profile]) => profile);
    const profiles = new Set(Object.values(services).flatMap((service) => service.profiles ?? []));

    expect(started.length).toBeGreaterThan(0);
    for (const profile of started) expect(profiles).toContain(profile);
  });

  it("should bring up only the infrastructure with docs/deployment.md's command, on the ports its npm start line uses", () => {
    const readme = readProjectFile('docs/deployment.md');
    const named = /^docker compose up -d ([\w -]+?)\s*(?:#.*)?$/m.exec(readme)![1].split(' ');
    const startLine = /^(KAFKA_BROKERS=\S+ MONGODB_URI=\S+ REDIS_URL=\S+) npm start$/m.exec(readme)![1];
    const env = Object.fromEntries(startLine.split(' ').map((pair) => pair.split('=', 2) as [string, string]));
    const dependsOnAnApp = (name: string): boolean =>
      apps.includes(name) || Object.keys(services[name].depends_on ?? {}).some(dependsOnAnApp);
    const published = (service: string) => services[service].ports!.map((port) => port.published);

    expect(named.every((name) => name in services && !dependsOnAnApp(name))).toBe(true);
    expect(named).toEqual(expect.arrayContaining(['kafka', 'mongo', 'redis']));
    // The host reaches the broker on its EXTERNAL listener, which advertises localhost.
    expect(services.kafka.environment!.KAFKA_ADVERTISED_LISTENERS).toContain(`EXTERNAL://${env.KAFKA_BROKERS}`);
    expect(published('kafka')).toContain(Number(env.KAFKA_BROKERS.split(':')[1]));
    expect(published('mongo')).toContain(Number(new URL(env.MONGODB_URI).port));
    expect(published('redis')).toContain(Number(new URL(env.REDIS_URL).port));
  });
});
