// Prints, as JSON, the command that starts a disposable database on PORT with
// its files under DIR: `node infra/database-command.mjs PORT DIR`.
// End-to-end tests use it to run a database they may stop and start at will.
import { databaseCommand } from './lib/database.mjs';

const [port, dataRoot] = process.argv.slice(2);
if (!port || !dataRoot) {
  console.error('usage: node infra/database-command.mjs PORT DIR');
  process.exit(2);
}
console.log(JSON.stringify(databaseCommand(Number(port), dataRoot)));
