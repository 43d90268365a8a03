import {
  globToRegExp,
  projectScripts,
  readProjectFile,
  readYaml,
  renderNodeVersions,
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
    const header = readProjectFile('render.yaml').split(/\n(?!#)/)[0].replace(/\s*\n#\s*/g, ' ');
    expect(header).toContain(`Confluent Cloud cluster on AWS ${AWS_REGION_OF[region!]}`);
    expect(header).toContain(`Atlas cluster on AWS ${AWS_REGION_OF[region!]}`);
  });

  it("should rebuild a service for changes to its own code, the libraries or the build's files, not for docs or tests", () => {
    const files = trackedFiles();
    for (const app of apps) {
      const { paths = [], ignoredPaths = [] } = service(app).buildFilter ?? {};
      const [included, ignored] = [paths.map(globToRegExp), ignoredPaths.map(globToRegExp)];
      // As Render reads a build filter: a changed file rebuilds when a path matches and no ignored path does.
      const rebuilds = (file: string) => included.some((glob) => glob.test(file)) && !ignored.some((glob) => glob.test(file));
      // Everything the app's build reads (what the Dockerfile copies): the lockfile, the configs, apps/<app>, libs/.
      const notInputs = files.filter((file) => file.endsWith('.md') || file.endsWith('.spec.ts') || /^(docs|test)\//.test(file));
      const inputs = files.filter(
        (file) =>
          !notInputs.includes(file) &&
          (/^(package(-lock)?\.json|tsconfig\.json|nest-cli\.json|render\.yaml)$/.test(file) ||
            file.startsWith(`apps/${app}/`) ||
            file.startsWith('libs/')),
      );

      expect(inputs.filter((file) => !rebuilds(file))).toEqual([]);
      expect(notInputs.filter(rebuilds)).toEqual([]);
      expect(files.filter((file) => file.startsWith('apps/') && !file.startsWith(`apps/${app}/`)).filter(rebuilds)).toEqual([]);
    }
  });

  it('should build and start each app as the project does: nest build, the entry point, the heap options', () => {
    for (const app of apps) {
      expect(service(app).buildCommand).toBe(`npm ci --include=dev && npx nest build ${app} && npm prune --omit=dev`);
      expect(service(app).startCommand).toBe(['node', ...serviceNodeOptions(), entryPoints[app]].join(' '));
    }
  });

  it('should route traffic to a deploy only once GET /health/ready answers', () => {
    for (const app of apps) expect(service(app).healthCheckPath).toBe('/health/ready');
  });

  it('should ask for the Confluent and Atlas credentials once, in a group both services read', () => {
    const groups = blueprint.envVarGroups ?? [];
    const declarations = [...groups.flatMap((group) => group.envVars), ...blueprint.services.flatMap((s) => s.envVars)].filter(
      (envVar) => CREDENTIALS.includes(envVar.key ?? ''),
    );

    expect(declarations.map(({ key }) => key).sort()).toEqual([...CREDENTIALS].sort());
    expect(declarations.every((envVar) => envVar.sync === false && envVar.value === undefined)).toBe(true);
    const group = groups.find((candidate) => candidate.envVars.some((envVar) => envVar.key === CREDENTIALS[0]))!;
    for (const app of apps) expect(service(app).envVars).toContainEqual({ fromGroup: group.name });
  });

  it("should have Render generate client-b's ADMIN_TOKEN and INBOX_TOKEN", () => {
    expect(variable('client-b', 'ADMIN_TOKEN')).toEqual({ key: 'ADMIN_TOKEN', generateValue: true });
    expect(variable('client-b', 'INBOX_TOKEN')).toEqual({ key: 'INBOX_TOKEN', generateValue: true });
  });

  it("should pin one exact Node version, the Dockerfile's base image's", () => {
    const versions = new Set(Object.values(renderNodeVersions()));
    const [version] = versions;
    const dockerfileNode = parseDockerfile(readProjectFile('Dockerfile'))[0].image;

    expect(versions.size).toBe(1);
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(dockerfileNode).toBe(`node:${version}-bookworm-slim`);
    for (const app of apps) expect(variable(app, 'NODE_ENV')?.value).toBe('production');
  });
});
