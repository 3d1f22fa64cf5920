/**
 * Deploys the backend to a CloudBase environment, or shows what it would do.
 *
 *   npm run deploy:dry                 build, then print the plan (text); touches nothing in the cloud
 *   npx tsx scripts/deploy.ts --dry-run --json   the same plan as JSON
 *   ENV_ID=xxx TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… npm run deploy   build, then deploy for real
 *   npx tsx scripts/deploy.ts --write-rc          regenerate cloudbaserc.json from the functions' config.json
 *
 * Three parts:
 * - `readSources(root)` reads what is on disk: each function's built bundle, config.json and package.json,
 *   the declared collections (cloudfunctions/core/collections.ts) and cloudbaserc.json;
 * - `buildPlan(sources, { envId })` is pure: it validates everything and returns ONE plan object, which the
 *   dry run prints and the executor carries out, step by step;
 * - `executePlan(plan, …)` is the small part that talks to the cloud: database first (collections and indexes
 *   through @cloudbase/manager-node), then each function through the CloudBase CLI (`tcb fn deploy`, which reads
 *   cloudbaserc.json: runtime, timeout, memory, timer triggers). Neither tool is a dependency of this project:
 *   they are fetched from npm at deploy time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { generateCode, formatCode, hashCode } from '../cloudfunctions/core/codes';
import { COLLECTIONS, type CollectionDeclaration } from '../cloudfunctions/core/collections';
import { FUNCTIONS } from './build';

export const CLI_PACKAGE = '@cloudbase/cli@2';
export const MANAGER_PACKAGE = '@cloudbase/manager-node@4';
/** Where the executor installs @cloudbase/manager-node (gitignored). */
export const TOOLS_DIR = '.tmp/deploy-tools';
export const FUNCTION_ROOT = 'cloudfunctions';
export const RC_FILE = 'cloudbaserc.json';
const HANDLER = 'index.main';
/** Uploaded with the bundle but not needed on the cloud (TypeScript sources; dependencies install online). */
const UPLOAD_IGNORE = ['src', 'src/**/*', 'node_modules', 'node_modules/**/*'];
const MEMORY_SIZES = [128, 256, 512, 1024, 2048, 3072];

/** An error meant for the operator: Chinese, no stack trace. */
export class DeployError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}\n${problems.map((p) => `  - ${p}`).join('\n')}` : message);
    this.name = 'DeployError';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sources: what is on disk

export interface TriggerConfig {
  name: string;
  type: string;
  /** 7-field cron: second minute hour day month weekday year. */
  config: string;
}

/** cloudfunctions/<name>/config.json */
export interface FunctionConfigFile {
  timeout: number;
  runtime: string;
  memorySize: number;
  envVariables?: Record<string, string>;
  triggers?: TriggerConfig[];
  permissions?: { openapi?: string[] };
}

export interface FunctionSource {
  name: string;
  /** Repository-relative path of the bundle, e.g. cloudfunctions/api/index.js. */
  bundle: string;
  /** Size of the bundle in bytes, or null when it has not been built. */
  bundleBytes: number | null;
  config: FunctionConfigFile;
  /** The function's package.json (written by the build), or null when it is missing. */
  packageJson: { dependencies?: Record<string, string> } | null;
}

export interface DeploySources {
  functions: FunctionSource[];
  collections: CollectionDeclaration[];
  /** Parsed cloudbaserc.json, or null when the file is missing. */
  rc: unknown;
}

function readJson<T>(file: string, what: string): T {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new DeployError(`找不到${what}：${file}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new DeployError(`${what}不是合法的 JSON：${file}（${(err as Error).message}）`);
  }
}

/** Reads the deploy inputs under `root`. A missing bundle is recorded (not thrown) so the plan can explain it. */
export function readSources(root: string, functionNames: readonly string[] = FUNCTIONS): DeploySources {
  const functions = functionNames.map((name): FunctionSource => {
    const dir = path.join(root, FUNCTION_ROOT, name);
    const bundleFile = path.join(dir, 'index.js');
    const bundleBytes = fs.existsSync(bundleFile) ? fs.statSync(bundleFile).size : null;
    const pkgFile = path.join(dir, 'package.json');
    return {
      name,
      bundle: `${FUNCTION_ROOT}/${name}/index.js`,
      bundleBytes,
      config: readJson<FunctionConfigFile>(path.join(dir, 'config.json'), `云函数 ${name} 的 config.json`),
      packageJson: fs.existsSync(pkgFile) ? readJson(pkgFile, `云函数 ${name} 的 package.json`) : null,
    };
  });
  const rcFile = path.join(root, RC_FILE);
  const rc = fs.existsSync(rcFile) ? readJson<unknown>(rcFile, RC_FILE) : null;
  return { functions, collections: COLLECTIONS, rc };
}

// ---------------------------------------------------------------------------------------------------------------
// The plan (pure)

export interface PlannedTrigger {
  name: string;
  type: 'timer';
  cron: string;
}

export interface PlannedFunction {
  name: string;
  bundle: string;
  bundleBytes: number;
  handler: string;
  runtime: string;
  timeout: number;
  memorySize: number;
  installDependency: true;
  dependencies: Record<string, string>;
  /** From config.json (no secrets there: it is committed). */
  envVariables: Record<string, string>;
  triggers: PlannedTrigger[];
  /** WeChat open APIs the function may call (config.json permissions.openapi). */
  openapi: string[];
}

export interface PlannedIndex {
  collection: string;
  name: string;
  keys: { field: string; direction: 1 | -1 }[];
  unique: boolean;
}

export type PlanStep =
  | { kind: 'tools'; description: string; command: string[] }
  | { kind: 'database'; description: string }
  | { kind: 'function'; name: string; description: string; command: string[] };

/**
 * The cloud storage security rule (云存储安全规则) the deployment needs. Children's photos are read only through the
 * functions (which hand out temporary URLs): no client reads any file. A teacher's phone uploads a post's photos with
 * wx.cloud.uploadFile, only under growth/ and only as the file's owner (no overwriting someone else's file); nothing
 * refers to an upload until posts.create has looked at it. The functions, as admin, are not bound by it.
 */
export const STORAGE_RULE = {
  read: false,
  write: 'auth != null && resource.openid == auth.openid && /^growth\\/[A-Za-z0-9_-]+\\.(jpg|png|webp)$/.test(resource.path) == true',
} as const;

export interface DeployPlan {
  /** ENV_ID, or null when it is not set (allowed only for the dry run). */
  envId: string | null;
  /** Set once in the console (云开发控制台 → 云存储 → 权限设置 → 自定义安全规则); the deploy prints it. */
  storageRule: typeof STORAGE_RULE;
  functionRoot: string;
  functions: PlannedFunction[];
  collections: { name: string; purpose: string }[];
  indexes: PlannedIndex[];
  /** What a real deploy runs, in order. */
  steps: PlanStep[];
}

const CRON_FIELD = /^[0-9A-Za-z*?,/\-#]+$/;
const CRON_FIELDS = ['秒', '分', '时', '日', '月', '星期', '年'];

/** Problems with a CloudBase timer cron (7 fields: 秒 分 时 日 月 星期 年); empty when it is fine. */
export function cronProblems(cron: unknown): string[] {
  if (typeof cron !== 'string' || !cron.trim()) return ['cron 表达式为空'];
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 7) {
    return [`cron 表达式 "${cron}" 有 ${fields.length} 段，云开发定时触发器要求 7 段（${CRON_FIELDS.join(' ')}）`];
  }
  return fields.flatMap((f, i) => (CRON_FIELD.test(f) ? [] : [`cron 表达式 "${cron}" 的第 ${i + 1} 段（${CRON_FIELDS[i]}）"${f}" 含非法字符`]));
}

function cliCommand(name: string, envId: string | null): string[] {
  return ['npx', '--yes', '-p', CLI_PACKAGE, 'tcb', 'fn', 'deploy', name, '-e', envId ?? '<ENV_ID>', '--force', '--yes'];
}

/**
 * Validates the sources and returns the deploy plan. Throws DeployError (listing every problem) when a bundle or
 * package.json is missing, a config value or trigger is invalid, an index is malformed, or cloudbaserc.json does
 * not match the functions' config.json.
 */
export function buildPlan(sources: DeploySources, options: { envId?: string | null } = {}): DeployPlan {
  const missing = sources.functions.filter((f) => f.bundleBytes === null || f.packageJson === null);
  if (missing.length) {
    throw new DeployError(
      '缺少云函数的打包产物，请先运行 npm run build：',
      missing.map((f) => (f.bundleBytes === null ? `${f.bundle} 不存在` : `${FUNCTION_ROOT}/${f.name}/package.json 不存在`)),
    );
  }
  const { plan, problems } = draftPlan(sources, options.envId);
  problems.push(...rcProblems(plan, sources.rc));
  if (problems.length) throw new DeployError('部署计划有问题，未做任何部署：', problems);
  return plan;
}

/** The cloudbaserc.json that matches the functions' config.json; needs no bundle. */
export function expectedCloudbaserc(sources: DeploySources): Record<string, unknown> {
  const { plan, problems } = draftPlan(sources, null);
  if (problems.length) throw new DeployError(`配置有问题，未写入 ${RC_FILE}：`, problems);
  return renderCloudbaserc(plan);
}

function rcProblems(plan: DeployPlan, rc: unknown): string[] {
  if (rc === null) return [`${RC_FILE} 不存在；运行 npx tsx scripts/deploy.ts --write-rc 生成`];
  const diffs = diffJson(renderCloudbaserc(plan), rc, '');
  if (!diffs.length) return [];
  const shown = diffs.slice(0, 5).join('；') + (diffs.length > 5 ? ' …' : '');
  return [`${RC_FILE} 与各云函数的 config.json 不一致（${shown}）；运行 npx tsx scripts/deploy.ts --write-rc 重新生成`];
}

/** The plan and every problem found in the sources, except missing bundles and cloudbaserc.json. */
function draftPlan(sources: DeploySources, envIdOption: string | null | undefined): { plan: DeployPlan; problems: string[] } {
  const envId = envIdOption?.trim() || null;
  const problems: string[] = [];
  const functions = sources.functions.map((f): PlannedFunction => {
    const c = f.config;
    const where = `云函数 ${f.name}（${FUNCTION_ROOT}/${f.name}/config.json）`;
    if (typeof c.runtime !== 'string' || !/^Nodejs\d/.test(c.runtime)) problems.push(`${where}：runtime "${c.runtime}" 不是 Node.js 运行时`);
    if (!Number.isInteger(c.timeout) || c.timeout < 1 || c.timeout > 900) problems.push(`${where}：timeout ${c.timeout} 应为 1–900 的整数秒`);
    if (!MEMORY_SIZES.includes(c.memorySize)) problems.push(`${where}：memorySize ${c.memorySize} 应为 ${MEMORY_SIZES.join('/')} 之一（MB）`);
    const triggers = (c.triggers ?? []).map((t, i): PlannedTrigger => {
      const label = `${where} 的第 ${i + 1} 个触发器${t?.name ? ` ${t.name}` : ''}`;
      if (typeof t?.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(t.name)) {
        problems.push(`${label}：name 须以字母开头，只含字母、数字、_ 和 -，最长 60`);
      }
      if (t?.type !== 'timer') problems.push(`${label}：type "${t?.type}" 不受支持，只能是 timer`);
      for (const p of cronProblems(t?.config)) problems.push(`${label}：${p}`);
      return { name: t?.name, type: 'timer', cron: typeof t?.config === 'string' ? t.config.trim().split(/\s+/).join(' ') : '' };
    });
    const names = triggers.map((t) => t.name);
    for (const n of new Set(names.filter((n, i) => names.indexOf(n) !== i))) problems.push(`${where}：触发器名 ${n} 重复`);
    return {
      name: f.name,
      bundle: f.bundle,
      bundleBytes: f.bundleBytes ?? 0,
      handler: HANDLER,
      runtime: c.runtime,
      timeout: c.timeout,
      memorySize: c.memorySize,
      installDependency: true,
      dependencies: { ...(f.packageJson?.dependencies ?? {}) },
      envVariables: { ...(c.envVariables ?? {}) },
      triggers,
      openapi: [...(c.permissions?.openapi ?? [])],
    };
  });

  const collectionNames = sources.collections.map((c) => c.name);
  for (const n of new Set(collectionNames.filter((n, i) => collectionNames.indexOf(n) !== i))) problems.push(`集合 ${n} 声明了不止一次`);
  const indexes: PlannedIndex[] = [];
  for (const c of sources.collections) {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(c.name)) problems.push(`集合名 "${c.name}" 不合法（字母开头，只含字母、数字、_ 和 -）`);
    const seen = new Set<string>();
    for (const i of c.indexes) {
      if (seen.has(i.name)) problems.push(`集合 ${c.name} 的索引名 ${i.name} 重复`);
      seen.add(i.name);
      if (i.name === '_id_') problems.push(`集合 ${c.name}：索引名 _id_ 是云开发自带的，不能再声明`);
      const keys = Object.entries(i.keys).map(([field, direction]) => ({ field, direction }));
      if (!keys.length) problems.push(`集合 ${c.name} 的索引 ${i.name} 没有字段`);
      for (const k of keys) if (k.direction !== 1 && k.direction !== -1) problems.push(`集合 ${c.name} 的索引 ${i.name}：字段 ${k.field} 的方向应为 1 或 -1`);
      indexes.push({ collection: c.name, name: i.name, keys, unique: i.unique === true });
    }
  }

  const plan: DeployPlan = {
    envId,
    storageRule: STORAGE_RULE,
    functionRoot: FUNCTION_ROOT,
    functions,
    collections: sources.collections.map((c) => ({ name: c.name, purpose: c.purpose })),
    indexes,
    steps: [
      {
        kind: 'tools',
        description: `安装 ${MANAGER_PACKAGE} 到 ${TOOLS_DIR}（用于创建集合与索引）`,
        command: ['npm', 'install', '--prefix', TOOLS_DIR, MANAGER_PACKAGE, '--no-audit', '--no-fund', '--loglevel=error'],
      },
      { kind: 'database', description: `创建缺少的集合（${collectionNames.length} 个）与索引（${indexes.length} 个），已存在的跳过` },
      ...functions.map((f): PlanStep => ({
        kind: 'function',
        name: f.name,
        description: `部署云函数 ${f.name}（代码、配置与定时触发器）`,
        command: cliCommand(f.name, envId),
      })),
    ],
  };

  return { plan, problems };
}

/** The cloudbaserc.json (CloudBase CLI 2.x, config version 2.0) that matches the plan's functions. */
export function renderCloudbaserc(plan: Pick<DeployPlan, 'functions'>): Record<string, unknown> {
  return {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot: `./${FUNCTION_ROOT}`,
    functions: plan.functions.map((f) => ({
      name: f.name,
      handler: f.handler,
      runtime: f.runtime,
      timeout: f.timeout,
      memorySize: f.memorySize,
      envVariables: f.envVariables,
      installDependency: f.installDependency,
      ignore: UPLOAD_IGNORE,
      triggers: f.triggers.map((t) => ({ name: t.name, type: t.type, config: t.cron })),
    })),
  };
}

/** Differences between `expected` and `actual` JSON values, as "path: expected …, found …". */
function diffJson(expected: unknown, actual: unknown, at: string): string[] {
  const here = at || '（根）';
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${here} 应为数组`];
    const out: string[] = [];
    if (expected.length !== actual.length) out.push(`${here} 应有 ${expected.length} 项，实际 ${actual.length} 项`);
    for (let i = 0; i < Math.min(expected.length, actual.length); i++) out.push(...diffJson(expected[i], actual[i], `${at}[${i}]`));
    return out;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [`${here} 应为对象`];
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const out: string[] = [];
    for (const k of Object.keys(e)) {
      const p = at ? `${at}.${k}` : k;
      if (!(k in a)) out.push(`缺少 ${p}`);
      else out.push(...diffJson(e[k], a[k], p));
    }
    for (const k of Object.keys(a)) if (!(k in e)) out.push(`多出 ${at ? `${at}.${k}` : k}`);
    return out;
  }
  return Object.is(expected, actual) ? [] : [`${here} 应为 ${JSON.stringify(expected)}，实际 ${JSON.stringify(actual)}`];
}

// ---------------------------------------------------------------------------------------------------------------
// Printing

export function formatPlan(plan: DeployPlan, mode: 'dry-run' | 'deploy'): string {
  const lines: string[] = [];
  lines.push(mode === 'dry-run' ? '部署计划（演练：只读本地文件，不连接云端）' : '部署计划');
  lines.push(`云开发环境 ENV_ID：${plan.envId ?? '未设置（真实部署前必须设置）'}`);
  lines.push('');
  lines.push(`云函数（${plan.functions.length} 个，目录 ${plan.functionRoot}/）`);
  for (const f of plan.functions) {
    lines.push(`  ${f.name}`);
    lines.push(`    代码包    ${f.bundle}（${f.bundleBytes} 字节）`);
    lines.push(`    运行配置  ${f.runtime}，超时 ${f.timeout} 秒，内存 ${f.memorySize} MB，入口 ${f.handler}，云端安装依赖`);
    const deps = Object.entries(f.dependencies).map(([n, v]) => `${n}@${v}`);
    lines.push(`    依赖      ${deps.length ? deps.join('，') : '无'}`);
    const vars = Object.keys(f.envVariables);
    lines.push(`    环境变量  ${vars.length ? vars.join('，') : '无'}`);
    lines.push(`    开放接口  ${f.openapi.length ? f.openapi.join('，') : '无'}`);
    if (!f.triggers.length) lines.push('    定时触发  无');
    for (const [i, t] of f.triggers.entries()) lines.push(`    ${i === 0 ? '定时触发' : '        '}  ${t.name}  "${t.cron}"`);
  }
  lines.push('');
  lines.push(`集合（${plan.collections.length} 个）`);
  for (const c of plan.collections) lines.push(`  ${c.name}  ${c.purpose}`);
  lines.push('');
  lines.push(`索引（${plan.indexes.length} 个，另有云开发自带的 _id 索引）`);
  for (const i of plan.indexes) {
    const keys = i.keys.map((k) => `${k.field}: ${k.direction}`).join(', ');
    lines.push(`  ${i.collection}.${i.name}  { ${keys} }${i.unique ? '  唯一' : ''}`);
  }
  lines.push('');
  lines.push('云存储安全规则（在云开发控制台 → 云存储 → 权限设置中选“自定义安全规则”，填入下面的 JSON；云函数不受其限制）');
  lines.push(`  ${JSON.stringify(plan.storageRule)}`);
  lines.push('  孩子的照片不允许任何客户端直接读取（只经云函数发放临时链接）；老师的手机只能以本人身份上传到 growth/ 下。');
  lines.push('');
  lines.push('真实部署的步骤（npm run deploy）');
  for (const [n, s] of plan.steps.entries()) {
    lines.push(`  ${n + 1}. ${s.description}`);
    if (s.kind !== 'database') lines.push(`     $ ${s.command.join(' ')}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// The executor (the only part that touches the cloud)

/** The part of @cloudbase/manager-node's `database` service the executor uses. */
export interface CloudDatabase {
  createCollectionIfNotExists(name: string): Promise<{ IsCreated: boolean }>;
  describeCollection(name: string): Promise<{ Indexes?: { Name: string; Unique?: boolean; Keys?: { Name?: string; Direction?: string }[] }[] }>;
  updateCollection(
    name: string,
    info: {
      CreateIndexes: { IndexName: string; MgoKeySchema: { MgoIsUnique: boolean; MgoIndexKeys: { Name: string; Direction: string }[] } }[];
    },
  ): Promise<unknown>;
}

export interface DeployRuntime {
  root: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Runs a command with inherited stdio; returns its exit code. */
  run: (command: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) => number;
  /** Loads the database service, once the tools step has installed @cloudbase/manager-node. */
  openDatabase: (options: { root: string; envId: string; env: NodeJS.ProcessEnv }) => CloudDatabase;
}

/** Refuses a real deploy that cannot succeed, before anything is run. */
export function assertCanDeploy(plan: DeployPlan, env: NodeJS.ProcessEnv): asserts plan is DeployPlan & { envId: string } {
  if (!plan.envId) {
    throw new DeployError('没有设置 ENV_ID（云开发环境 ID），未做任何部署。请这样运行：ENV_ID=你的环境ID npm run deploy；只想看计划请用 npm run deploy:dry');
  }
  const missing = ['TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'].filter((k) => !env[k]?.trim());
  if (missing.length) {
    throw new DeployError(
      `没有设置 ${missing.join(' 和 ')}，未做任何部署。集合与索引通过腾讯云 API 创建，需要 API 密钥（访问管理 CAM → API 密钥）；` +
        '云开发 CLI 也会使用这对密钥。',
    );
  }
}

export async function ensureDatabase(plan: DeployPlan, db: CloudDatabase, log: (line: string) => void): Promise<void> {
  for (const c of plan.collections) {
    const res = await db.createCollectionIfNotExists(c.name);
    log(`  集合 ${c.name}：${res.IsCreated ? '已创建' : '已存在'}`);
    const wanted = plan.indexes.filter((i) => i.collection === c.name);
    if (!wanted.length) continue;
    const existing = (await db.describeCollection(c.name)).Indexes ?? [];
    const toCreate = [];
    for (const i of wanted) {
      const found = existing.find((e) => e.Name === i.name);
      if (!found) {
        toCreate.push(i);
        continue;
      }
      const foundKeys = (found.Keys ?? []).map((k) => `${k.Name}:${k.Direction}`).join(',');
      const wantKeys = i.keys.map((k) => `${k.field}:${k.direction}`).join(',');
      if ((found.Keys && foundKeys !== wantKeys) || (found.Unique !== undefined && Boolean(found.Unique) !== i.unique)) {
        log(`  ！索引 ${c.name}.${i.name} 在云端已存在但定义不同（云端 ${foundKeys}${found.Unique ? ' 唯一' : ''}），未改动；请在控制台删除后重新部署`);
      } else {
        log(`  索引 ${c.name}.${i.name}：已存在`);
      }
    }
    if (toCreate.length) {
      await db.updateCollection(c.name, {
        CreateIndexes: toCreate.map((i) => ({
          IndexName: i.name,
          MgoKeySchema: { MgoIsUnique: i.unique, MgoIndexKeys: i.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })) },
        })),
      });
      for (const i of toCreate) log(`  索引 ${c.name}.${i.name}：已创建`);
    }
  }
}

export async function executePlan(plan: DeployPlan, rt: DeployRuntime): Promise<void> {
  assertCanDeploy(plan, rt.env);
  const envId = plan.envId;
  // A fresh one-time bootstrap code for the first admin; cloudbaserc.json passes only its hash to the api function
  // ({{env.CARE_ROOM_BOOTSTRAP_HASH}}). Once the school has an admin, the api ignores it.
  const bootstrapCode = generateCode();
  const runEnv = { ...rt.env, ENV_ID: envId, CARE_ROOM_BOOTSTRAP_HASH: hashCode(bootstrapCode) };
  rt.log(formatPlan(plan, 'deploy'));
  rt.log('');
  for (const [n, step] of plan.steps.entries()) {
    rt.log(`[${n + 1}/${plan.steps.length}] ${step.description}`);
    if (step.kind === 'database') {
      try {
        await ensureDatabase(plan, rt.openDatabase({ root: rt.root, envId, env: rt.env }), rt.log);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new DeployError(
          `第 ${n + 1} 步失败（集合与索引）：${reason}\n请检查网络、ENV_ID 是否正确、API 密钥是否有云开发权限；修复后重新运行 npm run deploy（已存在的集合和索引会跳过）`,
        );
      }
      continue;
    }
    const code = rt.run(step.command, { cwd: rt.root, env: runEnv });
    if (code !== 0)
      throw new DeployError(
        `第 ${n + 1} 步失败（退出码 ${code}）：${step.command.join(' ')}；前面的步骤已完成，修复后可重新运行 npm run deploy（已存在的资源会跳过或覆盖）`,
      );
  }
  rt.log(`部署完成：环境 ${envId}`);
  rt.log(`请确认云存储安全规则已设置为：${JSON.stringify(plan.storageRule)}（云开发控制台 → 云存储 → 权限设置 → 自定义安全规则）`);
  rt.log(`初始化码（仅在学校还没有管理员时有效，只显示这一次）：${formatCode(bootstrapCode)}`);
  rt.log('请第一位管理员在小程序“绑定身份”页输入它来认领学校。');
}

function realRuntime(root: string): DeployRuntime {
  return {
    root,
    env: process.env,
    log: (line) => console.log(line),
    run: (command, options) => {
      const result = spawnSync(command[0], command.slice(1), { ...options, stdio: 'inherit', shell: process.platform === 'win32' });
      if (result.error) throw new DeployError(`无法运行 ${command[0]}：${result.error.message}`);
      return result.status ?? 1;
    },
    openDatabase: ({ root: r, envId, env }) => {
      const requireTool = createRequire(path.join(r, TOOLS_DIR, 'package.json'));
      const CloudBase = requireTool('@cloudbase/manager-node');
      const app = new CloudBase({
        envId,
        secretId: env.TENCENTCLOUD_SECRETID,
        secretKey: env.TENCENTCLOUD_SECRETKEY,
        token: env.TENCENTCLOUD_SESSIONTOKEN || undefined,
      });
      return app.database as CloudDatabase;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Command line

const USAGE = `用法：tsx scripts/deploy.ts [--dry-run [--json]] [--write-rc] [--root <目录>]
  --dry-run   只打印部署计划，不连接云端（npm run deploy:dry）
  --json      与 --dry-run 一起用：以 JSON 打印同一份计划
  --write-rc  按各云函数的 config.json 重新生成 cloudbaserc.json
  不带参数    真实部署（npm run deploy），需要 ENV_ID、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY`;

export async function main(argv: string[]): Promise<number> {
  const flags = new Set<string>();
  let root = path.resolve(__dirname, '..');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--root') root = path.resolve(argv[++i] ?? '.');
    else if (['--dry-run', '--json', '--write-rc', '--help', '-h'].includes(a)) flags.add(a);
    else throw new DeployError(`不认识的参数 ${a}\n${USAGE}`);
  }
  if (flags.has('--help') || flags.has('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (flags.has('--json') && !flags.has('--dry-run')) throw new DeployError('--json 只能和 --dry-run 一起用');

  const sources = readSources(root);
  if (flags.has('--write-rc')) {
    fs.writeFileSync(path.join(root, RC_FILE), JSON.stringify(expectedCloudbaserc(sources), null, 2) + '\n');
    console.log(`已写入 ${RC_FILE}`);
    return 0;
  }
  const plan = buildPlan(sources, { envId: process.env.ENV_ID });
  if (flags.has('--dry-run')) {
    console.log(flags.has('--json') ? JSON.stringify(plan, null, 2) : formatPlan(plan, 'dry-run'));
    return 0;
  }
  await executePlan(plan, realRuntime(root));
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof DeployError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    },
  );
}
