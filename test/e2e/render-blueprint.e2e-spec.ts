import {
  globToRegExp,
  nvmrcNodeVersion,
  projectScripts,
  readProjectFile,
  readYaml,
  serviceNodeOptions,
  trackedFiles,
} from './support/deployment-files';
import { parseDockerfile } from './support/dockerfile';

interface EnvVar {
  key?: string;
  value?: string;
  sync?: boolean;
  generateValue?: boolean;
  fromGroup?: string;
  fromService?: { type: string; name: string; property?: string; envVarKey?: string };
}
interface RenderService {
  name: string;
  region?: string;
  buildCommand: string;
  startCommand: string;
  healthCheckPath?: string;
  buildFilter?: { paths?: string[]; ignoredPaths?: string[] };
  envVars: EnvVar[];
}
interface Blueprint {
  services: RenderService[];
  envVarGroups?: { name: string; envVars: EnvVar[] }[];
}

// What Confluent Cloud and Atlas call the AWS region next to each Render region.
const AWS_REGION_OF: Record<string, string> = {
  oregon: 'us-west-2',
  ohio: 'us-east-2',
  virginia: 'us-east-1',
  frankfurt: 'eu-central-1',
  singapore: 'ap-southeast-1',
};
const CREDENTIALS = ['KAFKA_BROKERS', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'MONGODB_URI'];

describe('render.yaml, the Render Blueprint', () => {
  const blueprint = readYaml<Blueprint>('render.yaml');
  const { apps, entryPoints } = projectScripts();
  const service = (name: string) => blueprint.services.find((candidate) => candidate.name === name)!;
  const variable = (name: string, key: string) => service(name).envVars.find((envVar) => envVar.key === key);

  it('should deploy each app as a service', () => {
    expect(blueprint.services.map(({ name }) => name).sort()).toEqual([...apps].sort());
  });

  it('should put both services in one region, whose AWS region the file names for Confluent and Atlas', () => {
    const regions = new Set(blueprint.services.map(({ region }) => region));
    const [region] = regions;

    expect(regions.size).toBe(1);
    expect(Object.keys(AWS_REGION_OF)).toContain(region);
    // The comment above the first key, as one line of text.
    const header = readProjectFile('render.yaml')
      .split(/\n(?!#)/)[0]
      .replace(/\s*\n#\s*/g, ' ');
    expect(header).toContain(`Confluent Cloud cluster on AWS ${AWS_REGION_OF[region!]}`);
    expect(header).toContain(`Atlas cluster on AWS ${AWS_REGION_OF[region!]}`);
  });

  it("should rebuild a service for changes to its own code, the libraries or the build's files, not for docs or tests", () => {
    const files = trackedFiles();
    for (const app of apps) {
      const { paths = [], ignoredPaths = [] } = service(app).buildFilter ?? {};
      const [included, ignored] = [paths.map(globToRegExp), ignoredPaths.map(globToRegExp)];
      // As Render reads a build filter: a changed file rebuilds when a path matches and no ignored path does.
      const rebuilds = (file: string) =>
        included.some((glob) => glob.test(file)) && !ignored.some((glob) => glob.test(file));
      // Everything the app's build reads (what the Dockerfile copies): the lockfile, the configs, apps/<app>, libs/;
      // and .nvmrc, which names the Node Render builds and runs with.
      const notInputs = files.filter(
        (file) => file.endsWith('.md') || file.endsWith('.spec.ts') || /^(docs|test)\//.test(file),
      );
      const inputs = files.filter(
        (file) =>
          !notInputs.includes(file) &&
          (/^(package(-lock)?\.json|tsconfig\.json|nest-cli\.json|render\.yaml|\.nvmrc)$/.test(file) ||
            file.startsWith(`apps/${app}/`) ||
            file.startsWith('libs/')),
      );

      expect(inputs.filter((file) => !rebuilds(file))).toEqual([]);
      expect(notInputs.filter(rebuilds)).toEqual([]);
      expect(
        files.filter((file) => file.startsWith('apps/') && !file.startsWith(`apps/${app}/`)).filter(rebuilds),
      ).toEqual([]);
    }
  });

  it('should build and start each app as the project does: nest build, the entry point, the heap options', () => {
    for (const app of apps) {
      expect(service(app).buildCommand).toBe(`npm ci --include=dev && npx nest build ${app} && npm prune --omit=dev`);
      expect(service(app).startCommand).toBe(['node', ...serviceNodeOptions(), entryPoints[app]].join(' '));
    }
  });

  it('should check GET /health/live, which stays 200 through a dependency outage and without partitions', () => {
    // Render takes an instance whose check fails for 15 s out of routing and restarts it after 60 s:
    // readiness would do both during a Confluent or Atlas outage and to an idle client-b instance.
    for (const app of apps) expect(service(app).healthCheckPath).toBe('/health/live');
  });

  it('should ask for the Confluent and Atlas credentials on each service (sync: false), none in an environment group', () => {
    // Render's Blueprint specification: a sync: false variable in an envVarGroups entry is ignored.
    const groupVariables = (blueprint.envVarGroups ?? []).flatMap((group) => group.envVars);
    expect(groupVariables.filter((envVar) => envVar.sync === false)).toEqual([]);
    for (const app of apps) {
      const declared = service(app).envVars.filter((envVar) => CREDENTIALS.includes(envVar.key ?? ''));
      expect(declared).toEqual(expect.arrayContaining(CREDENTIALS.map((key) => ({ key, sync: false }))));
      expect(declared).toHaveLength(CREDENTIALS.length);
    }
  });

  it("should allow client-b's public origin to call client-a (CORS_ORIGINS from client-b's RENDER_EXTERNAL_URL)", () => {
    // `property: host` of a web service is its private-network name, which no browser page has as its origin.
    expect(variable('client-a', 'CORS_ORIGINS')).toEqual({
      key: 'CORS_ORIGINS',
      fromService: { type: 'web', name: 'client-b', envVarKey: 'RENDER_EXTERNAL_URL' },
    });
  });

  it("should have Render generate client-b's ADMIN_TOKEN and INBOX_TOKEN", () => {
    expect(variable('client-b', 'ADMIN_TOKEN')).toEqual({ key: 'ADMIN_TOKEN', generateValue: true });
    expect(variable('client-b', 'INBOX_TOKEN')).toEqual({ key: 'INBOX_TOKEN', generateValue: true });
  });

  it("should run .nvmrc's exact Node version, the Dockerfile's base image's, by setting no NODE_VERSION", () => {
    // Render reads .nvmrc unless NODE_VERSION is set, so one file names the version for every run.
    const version = nvmrcNodeVersion();
    const dockerfileNode = parseDockerfile(readProjectFile('Dockerfile'))[0].image;

    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(dockerfileNode).toBe(`node:${version}-bookworm-slim`);
    for (const app of apps) {
      expect(variable(app, 'NODE_VERSION')).toBeUndefined();
      expect(variable(app, 'NODE_ENV')?.value).toBe('production');
    }
  });
});
