/**
 * The school dashboard's first screen is one call that waits on few rounds of database reads: the router's, the
 * calendar with every record at once, and the month's figures kept. Measured with a round trip of 25 ms per request
 * (as in the cloud), so requests sent together are counted once whatever the machine's load.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { buildSchool, D } from './fixture';

let env: TestEmulator;
jest.setTimeout(60_000);
const latency = process.env.DB_LATENCY_MS;

beforeAll(async () => {
  process.env.DB_LATENCY_MS = '25';
  env = await startEmulator({ seedDemo: true });
  await buildSchool(env);
});
afterAll(async () => {
  await env.stop();
  if (latency === undefined) delete process.env.DB_LATENCY_MS;
  else process.env.DB_LATENCY_MS = latency;
});

async function measure(action: string, input: object, openid: string): Promise<{ ok: boolean; depth: number; requests: number }> {
  const res = await fetch(`${env.url}/functions/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid, 'x-now': D.now.toISOString() },
    body: JSON.stringify({ action, input }),
  });
  return { ok: ((await res.json()) as { ok: boolean }).ok, depth: Number(res.headers.get('x-db-depth')), requests: Number(res.headers.get('x-db-requests')) };
}

test('the school, class and county dashboards wait on at most four rounds of reads', async () => {
  for (const [action, input, openid] of [
    ['dashboard.school', { schoolId: D.school }, D.admin],
    ['dashboard.school', { classId: D.c1 }, D.teacher],
    ['dashboard.children', { schoolId: D.school, rate: 'archive' }, D.admin],
    ['county.dashboard', {}, D.countyAdmin],
  ] as const) {
    await measure(action, input, openid); // the function's first load is not what is measured
    expect({ action, ...(await measure(action, input, openid)) }).toEqual({ action, ok: true, depth: expect.any(Number), requests: expect.any(Number) });
    const { depth } = await measure(action, input, openid);
    expect({ action, depth: Math.min(depth, 4) }).toEqual({ action, depth });
  }
});

test("a rate's drill-down reads only what that rate is judged from: the router's two, the calendar, the class, its children, the audit", async () => {
  for (const rate of ['archive', 'enrolment', 'vaccination'] as const) {
    await measure('dashboard.children', { classId: D.c1, rate }, D.admin);
    expect({ rate, ...(await measure('dashboard.children', { classId: D.c1, rate }, D.admin)) }).toEqual({ rate, ok: true, depth: 3, requests: 6 });
  }
});
