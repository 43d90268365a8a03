// One running infrastructure per checkout: .infra/run.lock holds the owner's
// pid on its first line and the pids of the servers it started below it.
import fs from 'node:fs';
import path from 'node:path';
import { LOCK_FILE, STATE_DIR } from './paths.mjs';

export class AlreadyRunningError extends Error {}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM'; // exists, but belongs to another user
  }
}

function readPids() {
  try {
    return fs
      .readFileSync(LOCK_FILE, 'utf8')
      .split('\n')
      .map(Number)
      .filter((pid) => pid > 0);
  } catch {
    return [];
  }
}

// A server left behind by an owner that was killed (kill -9, crash) would hold
// its port forever. Kill it only if its command line points into this
// checkout's .infra folder, so a recycled pid of someone else is never touched.
async function killOrphans(pids) {
  for (const pid of pids) {
    let cmdline = '';
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // gone, or no /proc on this system
    }
    if (!cmdline.includes(STATE_DIR)) continue;
    try {
      process.kill(-pid, 'SIGKILL'); // its own process group, as we started it
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    // wait (at most 5 s) until it is gone and its ports are free again
    for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Returns { recordChild(pid), release() }; throws AlreadyRunningError if a live process holds the lock.
export async function acquireLock() {
  fs.mkdirSync(path.dirname(LOCK_FILE), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' fails if the file exists, so two starts cannot both win
      fs.writeFileSync(LOCK_FILE, `${process.pid}\n`, { flag: 'wx' });
      return {
        recordChild: (pid) => fs.appendFileSync(LOCK_FILE, `${pid}\n`),
        release: () => {
          if (readPids()[0] === process.pid) fs.rmSync(LOCK_FILE, { force: true });
        },
      };
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const [owner, ...servers] = readPids();
    if (owner && isAlive(owner)) {
      throw new AlreadyRunningError(`client-messaging infrastructure is already running (pid ${owner}); stop it first`);
    }
    // stale lock from a dead owner (or an empty file from a crash mid-write)
    await killOrphans(servers);
    fs.rmSync(LOCK_FILE, { force: true });
  }
  throw new Error(`could not take the lock ${LOCK_FILE}`);
}
