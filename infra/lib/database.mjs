// The MongoDB-compatible database: a real `mongod` if one is installed,
// otherwise FerretDB (MongoDB wire protocol on top of SQLite files),
// which we build from source with Go because no MongoDB package is reachable here.
import fs from 'node:fs';
import path from 'node:path';
import { applyIndexExpressionFix } from './ferretdb-index-fix.mjs';
import { mongoPing } from './mongo-ping.mjs';
import { DATA_DIR, FERRETDB_VERSION, HOST, LOG_DIR, PORTS, ferretdbBinary } from './paths.mjs';
import { findOnPath } from './prerequisites.mjs';
import { runTool, spawnService, waitUntil } from './processes.mjs';

const READY_DEADLINE_MS = 60_000;
const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

export function databasePrerequisites() {
  const needsBuild = !findOnPath('mongod') && !fs.existsSync(ferretdbBinary());
  return { commands: needsBuild ? ['go'] : [], ports: [{ port: PORTS.mongodb, name: 'MongoDB' }] };
}

// Files copied from Go's module cache are read-only; make the copy editable and removable.
function makeWritable(dir) {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(file);
    else if (entry.isFile()) fs.chmodSync(file, 0o644);
  }
}

// Why not simply `go install .../cmd/ferretdb@v1.24.2`: go install asks the module
// proxy for the module's version list, which the proxy reachable here refuses (403),
// and a FerretDB built as the main module panics at start unless
// build/version/version.txt exists (their release build generates it).
// So: download the exact module, copy it, add version.txt, `go build`.
async function buildFerretDB(log) {
  const binary = ferretdbBinary();
  if (fs.existsSync(binary)) return binary;
  const t0 = Date.now();
  log(`mongodb: building FerretDB ${FERRETDB_VERSION} (first run only, a few minutes)`);
  const env = { CGO_ENABLED: '0', GOTOOLCHAIN: 'local' }; // pure-Go SQLite: no C compiler needed
  const download = await runTool('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], {
    env,
    timeoutMs: 5 * 60_000,
  });
  const source = path.join(path.dirname(path.dirname(binary)), 'src');
  if (fs.existsSync(source)) makeWritable(source); // leftovers of an interrupted build
  fs.rmSync(source, { recursive: true, force: true });
  fs.cpSync(JSON.parse(download).Dir, source, { recursive: true });
  makeWritable(source);
  fs.writeFileSync(path.join(source, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  applyIndexExpressionFix(source);
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  // build under another name so that an interrupted build never looks finished
  await runTool('go', ['build', '-trimpath', '-o', `${binary}.tmp`, './cmd/ferretdb'], {
    cwd: source,
    env,
    timeoutMs: 20 * 60_000,
  });
  fs.renameSync(`${binary}.tmp`, binary);
  fs.rmSync(source, { recursive: true, force: true });
  log(`mongodb: FerretDB built in ${seconds(t0)} s (${binary})`);
  return binary;
}

function ferretdbArgs(port = PORTS.mongodb, dataRoot = DATA_DIR) {
  const dataDir = path.join(dataRoot, 'ferretdb');
  const stateDir = path.join(dataRoot, 'ferretdb-state');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(stateDir, { recursive: true });
  return [
    '--handler=sqlite',
    `--sqlite-url=file:${dataDir}/`, // a directory: one SQLite file per database
    `--listen-addr=${HOST}:${port}`,
    '--telemetry=disable', // no network here, and no reporting wanted
    `--state-dir=${stateDir}`,
    '--log-level=warn',
    '--debug-addr=-', // otherwise FerretDB also opens an HTTP debug port (8088)
  ];
}

function mongodArgs(port = PORTS.mongodb, dataRoot = DATA_DIR) {
  const dbPath = path.join(dataRoot, 'mongod');
  fs.mkdirSync(dbPath, { recursive: true });
  return ['--dbpath', dbPath, '--bind_ip', HOST, '--port', String(port)];
}

// The command line of a second, disposable database (tests that stop the database
// use their own, never the shared one). FerretDB must have been built by a start before.
export function databaseCommand(port, dataRoot) {
  const mongod = findOnPath('mongod');
  if (mongod) return { command: mongod, args: mongodArgs(port, dataRoot) };
  return { command: ferretdbBinary(), args: ferretdbArgs(port, dataRoot) };
}

// Starts mongod or FerretDB; resolves with the connection URI once it answers a ping.
// register(name, child) is called as soon as the process exists, so it can be stopped.
export async function startDatabase({ log, register }) {
  const mongod = findOnPath('mongod');
  const name = mongod ? 'mongod' : 'ferretdb';
  const command = mongod ?? (await buildFerretDB(log));
  const t0 = Date.now();
  const logFile = path.join(LOG_DIR, `${name}.log`);
  fs.writeFileSync(logFile, ''); // one log per start
  const child = spawnService(command, mongod ? mongodArgs() : ferretdbArgs(), { logFile });
  register(name, child);
  await waitUntil(() => mongoPing(PORTS.mongodb), {
    what: `mongodb (${name})`,
    deadlineMs: READY_DEADLINE_MS,
    child,
    logFile,
  });
  log(`mongodb: ${name} started on ${HOST}:${PORTS.mongodb} in ${seconds(t0)} s`);
  return `mongodb://${HOST}:${PORTS.mongodb}/`;
}
