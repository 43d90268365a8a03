// Checks everything a start needs before anything is started, so a missing
// tool or a busy port gives one clear line instead of a half-started system.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { portIsFree } from './processes.mjs';

const ALTERNATIVES =
  'set KAFKA_BROKERS / MONGODB_URI (/ REDIS_URL) to use existing servers, or run `docker compose up`';

export class PrerequisiteError extends Error {
  constructor(problem) {
    super(`${problem}; ${ALTERNATIVES}`);
  }
}

// Full path of an executable on PATH, or null (like `which`, without needing it).
export function findOnPath(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir || '.', command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function checkJava() {
  if (!findOnPath('java')) throw new PrerequisiteError('Kafka needs Java 17 or newer, but `java` is not on PATH');
  // prints e.g. `openjdk version "17.0.15"` (or "1.8.0_x" for Java 8), on stderr
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 30_000 });
  const text = `${result.stderr ?? ''}${result.stdout ?? ''}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : 0;
  if (major < 17) {
    throw new PrerequisiteError(
      `Kafka needs Java 17 or newer, but \`java -version\` says: ${text.split('\n')[0].trim() || 'nothing'}`,
    );
  }
}

const WHY = {
  mvn: 'Maven (`mvn`) is needed once to download the Kafka jars',
  go: 'Go (`go`) is needed once to build FerretDB (or put `mongod` on PATH)',
};

// needs: [{ commands: ['java', 'mvn', ...], ports: [{ port, name }] }, ...]
export async function checkPrerequisites(needs) {
  for (const { commands = [], ports = [] } of needs) {
    for (const command of commands) {
      if (command === 'java') checkJava();
      else if (!findOnPath(command))
        throw new PrerequisiteError(`${WHY[command] ?? `\`${command}\` is needed`}, but it is not on PATH`);
    }
    for (const { port, name } of ports) {
      if (!(await portIsFree(port))) {
        throw new PrerequisiteError(`port ${port} (${name}) is already in use by another process`);
      }
    }
  }
}
