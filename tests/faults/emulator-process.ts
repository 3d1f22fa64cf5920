/**
 * The real emulator in a process of its own, so a fault test can kill it with SIGKILL mid-work and start it again
 * on the same data dir. Usage: node --import tsx tests/faults/emulator-process.ts <dataDir> <port>
 * Prints "READY <url>" once it listens.
 */
import { startEmulator } from '../../emulator/server';

const [dataDir, port] = process.argv.slice(2);
startEmulator({ dataDir, port: Number(port) || 0 }).then(
  (emulator) => process.stdout.write(`READY ${emulator.url}\n`),
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  },
);
