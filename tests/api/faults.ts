/**
 * Watching and breaking the emulator's database from a test: every request the functions send (POST /admin) passes
 * through `database.handle`, so a test can count requests of a kind, or make some fail as a crash or a lost
 * connection would, and see what the code left behind.
 */
import type { TestEmulator } from '../helpers/emulator';

export type DbRequest = Record<string, unknown> & { action?: string; collectionName?: string; transactionId?: string };

/** Route every database request through `intercept` until the returned function is called. */
export function interceptDatabase(
  env: TestEmulator,
  intercept: (body: DbRequest, pass: () => Promise<Record<string, unknown>>) => Promise<Record<string, unknown>>,
): () => void {
  const service = env.emulator.database;
  const original = service.handle.bind(service);
  service.handle = (body) => intercept(body as DbRequest, () => original(body));
  return () => {
    service.handle = original;
  };
}

/** Count the requests that match, while `run` runs. */
export async function countRequests(env: TestEmulator, match: (body: DbRequest) => boolean, run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const restore = interceptDatabase(env, (body, pass) => {
    if (match(body)) count++;
    return pass();
  });
  try {
    await run();
  } finally {
    restore();
  }
  return count;
}

/**
 * Answer the matching requests with a database error (the change they carry never lands), while `run` runs. The
 * functions log such errors as unexpected; those lines are expected here and kept out of the test output.
 */
export async function failing<T>(env: TestEmulator, match: (body: DbRequest) => boolean, run: () => Promise<T>): Promise<T> {
  const restore = interceptDatabase(env, async (body, pass) =>
    match(body) ? { code: 'SYS_ERR', message: '模拟的数据库故障 (injected by the test)', requestId: 'fault' } : pass(),
  );
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => {});
  try {
    return await run();
  } finally {
    quiet.mockRestore();
    restore();
  }
}

export const writesTo = (collection: string) => (body: DbRequest) =>
  body.collectionName === collection && body.action !== 'database.getDocument' && body.action !== 'database.calculateDocument';
