/**
 * Every page's first screen opens in a short chain of database requests: on the demo school with its weeks of care
 * work, the call each page makes on load (bench/screens.ts, the table the bench also runs at county scale) answers
 * ok with an x-db-depth of at most 4 (independent reads in parallel, batches with _.in, no N+1). In the cloud each
 * request in the chain costs a round trip, so the depth is what a family on a weak signal waits for.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { seedDemoWork } from '../helpers/demo';
import { demoScreenIds, SCREENS, screenName, type ScreenIds } from '../../bench/screens';

jest.setTimeout(120000);

const MAX_DEPTH = 4;
/** Known exceptions: a screen deeper than the target, with why. 已知例外：比目标更深的首屏及原因。 */
// None at present: every first screen is within the target on the demo.
const KNOWN_DEPTH: Record<string, { depth: number; why: string }> = {};
/** Screens already shallower than the target, held there: a change that deepens them fails here. 已低于目标的首屏：现在的深度。 */
const HELD_DEPTH: Record<string, number> = {
  // a school's week is each class's numbers, read in one round after the caller's bindings
  'week · admin · familyCalls.week': 2,
  // the left-behind children and their pairings grouped by kind, side by side after the router's round
  'coverage · admin · care.coverage': 2,
  'coverage · teacher · care.coverage': 2,
  'child · teacher · children.get': 3,
  'child · parent · children.get': 3,
  'growthHome · parent · parent.home': 3,
  'growthHome · guardian · parent.home': 3,
  // the class's lists: the router's round, the screen's reads side by side, the audit of what was shown
  'roster · teacher · archive.roster': 3,
  'register · community · community.children': 3,
  'symposium · teacher · symposiums.list': 3,
  'dashboardRate · admin · dashboard.children': 3,
  // a round: the children due, then everything about them at once; a school's round is counted per class in one round
  'talksMonth · teacher · talks.month': 3,
  'talksMonth · teacher · talks.mine': 3,
  'talksMonth · admin · talks.month': 2,
};

const NOW = new Date();
let env: TestEmulator;
let ids: ScreenIds;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await seedDemoWork(env, NOW);
  // The demo has no alert: the community worker's visit finds the family in hardship (an alert, its mandatory report).
  const visit = await env.api('demo-community', 'visits.record', {
    visitId: 'first-screens-visit',
    childId: 'demo-child-01',
    date: new Date(NOW.getTime() + 8 * 3600000).toISOString().slice(0, 10),
    method: 'phone',
    met: '奶奶',
    change: { kind: 'hardship', note: '父亲失去零工，家里断粮' },
  });
  if (!visit.ok) throw new Error(visit.error.message);
  ids = await demoScreenIds((openid, action, input) => env.api(openid, action as never, input, NOW) as never, NOW);
}, 120000);
afterAll(() => env.stop());

test('the demo school has a record for every row that names one', () => {
  const needed = [...new Set(SCREENS.flatMap((s) => (s.needs ? [s.needs] : [])))];
  expect(needed.filter((k) => !ids[k])).toEqual([]);
});

test.each(SCREENS.map((s) => [screenName(s), s] as const))('%s: ok within the depth', async (name, screen) => {
  const call = () =>
    env.callFunction<{ ok: boolean; error?: unknown }>(
      'api',
      { action: screen.action, input: screen.input(ids) },
      { openid: ids.openid[screen.role], now: NOW },
    );
  // Warm first: a first call after start opens the SDK's connections one by one, which the emulator counts as a chain.
  await call();
  const m = await call();
  expect({ ok: m.result.ok, error: m.result.error }).toEqual({ ok: true, error: undefined });
  expect(m.dbRequests).toBeGreaterThan(0);
  expect(m.dbDepth).toBeLessThanOrEqual(KNOWN_DEPTH[name]?.depth ?? HELD_DEPTH[name] ?? MAX_DEPTH);
  if (process.env.SCREEN_DEPTHS) console.log(`${name}: requests ${m.dbRequests}, depth ${m.dbDepth}, ${m.bytes} B`);
});
