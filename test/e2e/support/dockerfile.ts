/** One instruction of a Dockerfile: its keyword (upper case) and the rest of its logical line. */
export interface DockerInstruction {
  keyword: string;
  args: string;
}

/** One stage: its FROM image, its name (`AS <name>`) and its instructions after FROM. */
export interface DockerStage {
  image: string;
  name?: string;
  instructions: DockerInstruction[];
}

/**
 * The stages of a Dockerfile, with continuation lines joined, comments dropped and
 * `${ARG}` in FROM replaced by the ARG's default (what `docker build` does without --build-arg).
 */
export function parseDockerfile(text: string): DockerStage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  const instructions = lines
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
      return { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') };
    });
  const globalArgs = new Map<string, string>();
  const stages: DockerStage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [image, as, name] = instruction.args
        .replace(/\$\{(\w+)\}/g, (_, arg: string) => globalArgs.get(arg) ?? '')
        .split(' ');
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [name, value = ''] = instruction.args.split('=');
      globalArgs.set(name, value);
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The stage named `name` and every stage it is built FROM, nearest last. */
export function stageChain(stages: DockerStage[], name: string): DockerStage[] {
  const stage = stages.find((candidate) => candidate.name === name);
  if (!stage) return [];
  return [...stageChain(stages, stage.image), stage];
}

/** The arguments of an exec-form (JSON array) instruction such as CMD ["node", "main.js"]. */
export function execForm(args: string): string[] {
  return JSON.parse(args.slice(args.indexOf('['))) as string[];
}
