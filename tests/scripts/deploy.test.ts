/**
 * The deploy script: the plan it builds from the real built bundles, config.json files and declared collections,
 * the dry run through the real command line, and the refusals that must happen before anything is deployed.
 * Nothing here reaches the cloud: the executor is driven with a recording runtime.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { hashCode } from '../../cloudfunctions/core/codes';
import { COLLECTIONS } from '../../cloudfunctions/core/collections';
import { readDeclarations } from '../../emulator/database/declarations';
const indexDeclarations = () => readDeclarations().indexes;
import { FUNCTIONS } from '../../scripts/build';
import {
  buildPlan,
  cronProblems,
  DeployError,
  executePlan,
  expectedCloudbaserc,
  formatPlan,
  readSources,
  type CloudDatabase,
  type DeployPlan,
  type DeployRuntime,
  type DeploySources,
  type FunctionConfigFile,
} from '../../scripts/deploy';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);
jest.setTimeout(120_000);

/** Environment for child processes with no deploy settings, whatever the caller's shell has. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_SESSIONTOKEN']) delete env[k];
  return { ...env, ...extra };
}

async function deployCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/deploy.ts', ...args], { cwd: root, env, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** A copy of the deploy inputs in a temporary directory, optionally without some bundles. */
function copyTree(options: { withoutBundles?: string[] } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-deploy-'));
  fs.copyFileSync(path.join(root, 'cloudbaserc.json'), path.join(dir, 'cloudbaserc.json'));
  for (const name of FUNCTIONS) {
    const from = path.join(root, 'cloudfunctions', name);
    const to = path.join(dir, 'cloudfunctions', name);
    fs.mkdirSync(to, { recursive: true });
    const files = ['config.json', 'package.json', ...(options.withoutBundles?.includes(name) ? [] : ['index.js'])];
    for (const f of files) fs.copyFileSync(path.join(from, f), path.join(to, f));
  }
  return dir;
}

const tmpDirs: string[] = [];
afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

beforeAll(async () => {
  const missing = FUNCTIONS.some((n) => !fs.existsSync(path.join(root, 'cloudfunctions', n, 'index.js')));
  if (missing) await run('npx', ['tsx', 'scripts/build.ts'], { cwd: root });
});

describe('the plan from the real sources', () => {
  let sources: DeploySources;
  let plan: DeployPlan;
  beforeAll(() => {
    sources = readSources(root);
    plan = buildPlan(sources, { envId: null });
  });

  test('every built function, with its bundle, config.json and package.json', () => {
    expect(plan.functions.map((f) => f.name)).toEqual(FUNCTIONS);
    for (const f of plan.functions) {
      const dir = path.join(root, 'cloudfunctions', f.name);
      const config = readJson<FunctionConfigFile>(path.join(dir, 'config.json'));
      const pkg = readJson<{ dependencies: Record<string, string> }>(path.join(dir, 'package.json'));
      expect(f.bundle).toBe(`cloudfunctions/${f.name}/index.js`);
      expect(f.bundleBytes).toBe(fs.statSync(path.join(dir, 'index.js')).size);
      expect(f.bundleBytes).toBeGreaterThan(0);
      expect(f).toMatchObject({ runtime: config.runtime, timeout: config.timeout, memorySize: config.memorySize, handler: 'index.main' });
      expect(f.dependencies).toEqual(pkg.dependencies);
      expect(f.dependencies['@cloudbase/node-sdk']).toBeDefined();
      expect(f.envVariables).toEqual(config.envVariables ?? {});
      expect(f.openapi).toEqual(config.permissions?.openapi ?? []);
      expect(f.triggers).toEqual((config.triggers ?? []).map((t) => ({ name: t.name, type: 'timer', cron: t.config })));
      for (const t of f.triggers) expect(t.cron.split(' ')).toHaveLength(7);
    }
  });

  test('every declared collection and index', () => {
    expect(plan.collections).toEqual(COLLECTIONS.map((c) => ({ name: c.name, purpose: c.purpose })));
    expect(plan.indexes).toEqual(
      indexDeclarations().map((i) => ({
        collection: i.collection,
        name: i.name,
        keys: Object.entries(i.keys).map(([field, direction]) => ({ field, direction })),
        unique: i.unique === true,
      })),
    );
  });

  test('cloudbaserc.json matches the functions config.json', () => {
    const rc = readJson<{ envId: string; functionRoot: string; functions: Record<string, unknown>[] }>(path.join(root, 'cloudbaserc.json'));
    expect(rc).toEqual(expectedCloudbaserc(sources));
    expect(rc.envId).toBe('{{env.ENV_ID}}');
    expect(rc.functionRoot).toBe('./cloudfunctions');
    expect(rc.functions.map((f) => f.name)).toEqual(FUNCTIONS);
    for (const f of rc.functions) {
      const config = readJson<FunctionConfigFile>(path.join(root, 'cloudfunctions', String(f.name), 'config.json'));
      expect(f).toMatchObject({ runtime: config.runtime, timeout: config.timeout, memorySize: config.memorySize, installDependency: true });
      expect(f.triggers).toEqual(config.triggers ?? []);
    }
  });

  test('the steps: database first, then each function through the CloudBase CLI', () => {
    expect(plan.steps.map((s) => s.kind)).toEqual(['tools', 'database', ...FUNCTIONS.map(() => 'function')]);
    const withEnv = buildPlan(sources, { envId: 'prod-123' });
    for (const s of withEnv.steps) {
      if (s.kind === 'function')
        expect(s.command).toEqual(['npx', '--yes', '-p', '@cloudbase/cli@2', 'tcb', 'fn', 'deploy', s.name, '-e', 'prod-123', '--force', '--yes']);
    }
  });
});

describe('validation', () => {
  const base = () => readSources(root);
  const withTrigger = (cron: string): DeploySources => {
    const s = base();
    const scheduler = s.functions.find((f) => f.name === 'scheduler')!;
    scheduler.config = { ...scheduler.config, triggers: [{ name: 'weeklyCalls', type: 'timer', config: cron }] };
    return s;
  };

  test('a timer cron must have 7 fields', () => {
    expect(cronProblems('0 0 8 * * * *')).toEqual([]);
    expect(cronProblems('0 30 19 * * 5 *')).toEqual([]);
    expect(cronProblems('0 8 * * *')[0]).toMatch(/5 段.*7 段/);
    expect(cronProblems('0 0 8 * * *')[0]).toMatch(/6 段/);
    expect(cronProblems('')).not.toEqual([]);
    expect(() => buildPlan(withTrigger('0 0 8 * * *'))).toThrow(/scheduler.*weeklyCalls.*6 段.*7 段/s);
  });

  test('a valid trigger goes into the plan, and cloudbaserc.json must then carry it', () => {
    const s = withTrigger('0  0 8 * * 1 *');
    const expected = expectedCloudbaserc(s) as { functions: { name: string; triggers: unknown[] }[] };
    expect(expected.functions.find((f) => f.name === 'scheduler')!.triggers).toEqual([{ name: 'weeklyCalls', type: 'timer', config: '0 0 8 * * 1 *' }]);
    expect(() => buildPlan(s)).toThrow(/cloudbaserc\.json 与各云函数的 config\.json 不一致.*--write-rc/s);
    const plan = buildPlan({ ...s, rc: expected });
    expect(plan.functions.find((f) => f.name === 'scheduler')!.triggers).toEqual([{ name: 'weeklyCalls', type: 'timer', cron: '0 0 8 * * 1 *' }]);
    expect(formatPlan(plan, 'dry-run')).toContain('weeklyCalls  "0 0 8 * * 1 *"');
  });

  test('a missing bundle names the file and says to run npm run build', () => {
    const s = base();
    s.functions[0].bundleBytes = null;
    let error: unknown;
    try {
      buildPlan(s);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DeployError);
    expect((error as Error).message).toMatch(/请先运行 npm run build/);
    expect((error as Error).message).toContain(`cloudfunctions/${FUNCTIONS[0]}/index.js 不存在`);
  });

  test('bad config values and index declarations are reported together', () => {
    const s = base();
    s.functions[0].config = { ...s.functions[0].config, memorySize: 300, timeout: 0 };
    s.collections = [
      ...s.collections,
      {
        name: 'extra',
        purpose: 'x',
        indexes: [
          { name: 'a', keys: {} },
          { name: 'a', keys: { f: 1 } },
        ],
      },
    ];
    expect(() => buildPlan(s)).toThrow(/timeout 0[\s\S]*memorySize 300[\s\S]*extra 的索引 a 没有字段[\s\S]*索引名 a 重复/);
  });
});

describe('the dry run through the command line', () => {
  test('--dry-run --json prints exactly the plan', async () => {
    const { code, stdout, stderr } = await deployCli(['--dry-run', '--json'], cleanEnv());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(buildPlan(readSources(root), { envId: null }));
  });

  test('--dry-run prints the same plan as text', async () => {
    const { code, stdout } = await deployCli(['--dry-run'], cleanEnv({ ENV_ID: 'dry-env-1' }));
    expect(code).toBe(0);
    const plan = buildPlan(readSources(root), { envId: 'dry-env-1' });
    expect(stdout.trim()).toBe(formatPlan(plan, 'dry-run'));
    expect(stdout).toContain('云开发环境 ENV_ID：dry-env-1');
    for (const f of plan.functions) expect(stdout).toContain(`${f.bundle}（${f.bundleBytes} 字节）`);
    for (const i of indexDeclarations()) expect(stdout).toContain(`${i.collection}.${i.name}`);
    expect(stdout).toContain('tcb fn deploy scheduler -e dry-env-1 --force --yes');
  });

  test('a missing bundle stops the dry run with the clear message', async () => {
    const dir = copyTree({ withoutBundles: ['api'] });
    tmpDirs.push(dir);
    const { code, stdout, stderr } = await deployCli(['--dry-run', '--root', dir], cleanEnv());
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('缺少云函数的打包产物，请先运行 npm run build');
    expect(stderr).toContain('cloudfunctions/api/index.js 不存在');
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });
});

describe('a real deploy refuses before doing anything', () => {
  const runEnvs: NodeJS.ProcessEnv[] = [];
  function recordingRuntime(env: NodeJS.ProcessEnv) {
    const calls: string[] = [];
    const db: CloudDatabase = {
      createCollectionIfNotExists: async (name) => (calls.push(`create ${name}`), { IsCreated: true }),
      describeCollection: async (name) => (calls.push(`describe ${name}`), { Indexes: [] }),
      updateCollection: async (name, info) => (calls.push(`update ${name} ${JSON.stringify(info)}`), {}),
    };
    const rt: DeployRuntime = {
      root: '/nonexistent/care-room',
      env,
      log: (line) => calls.push(`log ${line.split('\n')[0]}`),
      run: (command: string[], options: { env?: NodeJS.ProcessEnv }) => (calls.push(`run ${command.join(' ')}`), runEnvs.push(options.env ?? {}), 0),
      openDatabase: () => (calls.push('openDatabase'), db),
    };
    return { rt, calls };
  }
  const keys = { TENCENTCLOUD_SECRETID: 'AKIDtest', TENCENTCLOUD_SECRETKEY: 'test' };

  test('without ENV_ID: no log, no command, no database', async () => {
    const plan = buildPlan(readSources(root), { envId: undefined });
    const { rt, calls } = recordingRuntime(keys);
    await expect(executePlan(plan, rt)).rejects.toThrow(/没有设置 ENV_ID.*未做任何部署/);
    expect(calls).toEqual([]);
  });

  test('without the API keys: no log, no command, no database', async () => {
    const plan = buildPlan(readSources(root), { envId: 'prod-123' });
    const { rt, calls } = recordingRuntime({ TENCENTCLOUD_SECRETID: 'AKIDtest' });
    await expect(executePlan(plan, rt)).rejects.toThrow(/TENCENTCLOUD_SECRETKEY.*未做任何部署/);
    expect(calls).toEqual([]);
  });

  test('through the command line without ENV_ID: exit 1, the message, nothing printed or installed', async () => {
    const dir = copyTree();
    tmpDirs.push(dir);
    const { code, stdout, stderr } = await deployCli(['--root', dir], cleanEnv(keys));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('没有设置 ENV_ID');
    expect(stderr).toContain('npm run deploy:dry');
    expect(fs.existsSync(path.join(dir, '.tmp'))).toBe(false);
  });

  test('with everything set, the executor runs the plan in order: tools, database, then each function', async () => {
    const plan = buildPlan(readSources(root), { envId: 'prod-123' });
    const { rt, calls } = recordingRuntime(keys);
    await executePlan(plan, rt);
    const actions = calls.filter((c) => !c.startsWith('log '));
    expect(actions[0]).toBe('run npm install --prefix .tmp/deploy-tools @cloudbase/manager-node@4 --no-audit --no-fund --loglevel=error');
    expect(actions[1]).toBe('openDatabase');
    expect(actions.filter((c) => c.startsWith('create '))).toEqual(COLLECTIONS.map((c) => `create ${c.name}`));
    const firstUnique = indexDeclarations().find((i) => i.unique);
    if (firstUnique) {
      const update = actions.find((c) => c.startsWith(`update ${firstUnique.collection} `))!;
      const info = JSON.parse(update.slice(`update ${firstUnique.collection} `.length));
      expect(info.CreateIndexes).toContainEqual({
        IndexName: firstUnique.name,
        MgoKeySchema: {
          MgoIsUnique: true,
          MgoIndexKeys: Object.entries(firstUnique.keys).map(([Name, d]) => ({ Name, Direction: String(d) })),
        },
      });
    }
    expect(actions.slice(-FUNCTIONS.length)).toEqual(FUNCTIONS.map((n) => `run npx --yes -p @cloudbase/cli@2 tcb fn deploy ${n} -e prod-123 --force --yes`));
  });

  test('a real deploy prints a one-time bootstrap code and hands the functions only its hash', async () => {
    runEnvs.length = 0;
    const plan = buildPlan(readSources(root), { envId: 'prod-123' });
    const { rt, calls } = recordingRuntime(keys);
    await executePlan(plan, rt);
    const line = calls.find((c) => c.includes('初始化码'))!;
    const code = /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(line)![1];
    const hashes = new Set(runEnvs.map((e) => e.CARE_ROOM_BOOTSTRAP_HASH));
    expect([...hashes]).toEqual([hashCode(code)]);
    expect(runEnvs.every((e) => !JSON.stringify(e).includes(code))).toBe(true);
    expect(JSON.stringify(expectedCloudbaserc(readSources(root)))).toContain('{{env.CARE_ROOM_BOOTSTRAP_HASH}}');
  });
});
