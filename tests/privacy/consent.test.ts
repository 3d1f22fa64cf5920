/**
 * Guardian consent (core/consent.ts) through the real SDK on an empty emulator: the latest word decides (a refusal
 * after a grant blocks, a grant after a refusal allows), who may record it how, and each decision with its audit entry.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import {
  ARCHIVE_CONSENT,
  consentInput,
  consentView,
  latestConsent,
  PRIVACY_NOTICE,
  recordConsent,
  requireConsent,
  type ConsentInput,
  type ConsentRecorder,
} from '../../cloudfunctions/core/consent';
import { COLLECTION } from '../../cloudfunctions/core/collections';

let env: TestEmulator;
const db = () => env.app.database();
const at = (iso: string) => new Date(iso);
const parent = (now: Date): ConsentRecorder => ({ openid: 'mum', role: 'parent', label: '林小禾的妈妈', now, action: 'consent.record' });
const teacher = (now: Date): ConsentRecorder => ({ openid: 'teach', role: 'teacher', label: '三年级(1)班 班主任', now, action: 'consent.record' });
const wechat = (childId: string, decision: 'granted' | 'refused'): ConsentInput => ({
  childId,
  decision,
  noticeVersion: PRIVACY_NOTICE.version,
  method: 'wechat',
});
const paper = (childId: string, decision: 'granted' | 'refused', over: Partial<ConsentInput> = {}): ConsentInput => ({
  childId,
  decision,
  noticeVersion: PRIVACY_NOTICE.version,
  method: 'paper',
  signerName: '林大山',
  signerRelation: '父亲',
  ...over,
});
const stored = async (childId: string) => (await db().collection(COLLECTION.consents).where({ childId }).get()).data;
const audited = async (childId: string) => (await db().collection(COLLECTION.auditLog).where({ childId }).get()).data;

beforeAll(async () => {
  env = await startEmulator();
});
afterAll(() => env.stop());

test('no consent: nothing may be written, with the way to get it named', async () => {
  expect(await latestConsent(db(), 'k0')).toBeNull();
  await expect(requireConsent(db(), 'k0')).rejects.toMatchObject({
    code: 'CONSENT_REQUIRED',
    message: '尚未取得监护人同意，不能填写档案。请家长在小程序中同意，或由老师登记纸质同意书',
  });
  expect(consentView('k0', null)).toEqual({ childId: 'k0', status: 'none', noticeVersion: null, by: null, method: null, at: null });
});

test('a parent’s grant in WeChat is stored with who they are, audited with it, and allows writing', async () => {
  const view = await recordConsent(db(), parent(at('2027-03-01T01:00:00Z')), 's1', wechat('k1', 'granted'));
  expect(view).toEqual({
    childId: 'k1',
    status: 'granted',
    noticeVersion: PRIVACY_NOTICE.version,
    by: 'mum',
    method: 'wechat',
    at: '2027-03-01T01:00:00.000Z',
  });
  const [record] = await stored('k1');
  expect(record).toMatchObject({ decision: 'granted', method: 'wechat', by: 'mum', signerRelation: '林小禾的妈妈', recordedBy: 'mum' });
  expect(await audited('k1')).toEqual([
    expect.objectContaining({
      kind: 'consent',
      schoolId: 's1',
      childId: 'k1',
      fields: [],
      note: '同意',
      openid: 'mum',
      role: 'parent',
      action: 'consent.record',
    }),
  ]);
  expect((await requireConsent(db(), 'k1')).decision).toBe('granted');
});

test('the latest word decides: a refusal after a grant blocks, a later grant allows again', async () => {
  await recordConsent(db(), teacher(at('2027-03-02T01:00:00Z')), 's1', paper('k2', 'granted'));
  await recordConsent(db(), parent(at('2027-03-03T01:00:00Z')), 's1', wechat('k2', 'refused'));
  expect((await latestConsent(db(), 'k2'))!.decision).toBe('refused');
  await expect(requireConsent(db(), 'k2')).rejects.toMatchObject({ code: 'CONSENT_REQUIRED', message: '监护人未同意记录孩子的信息，不能填写档案' });
  expect((await audited('k2')).map((a) => a.note).sort()).toEqual(['同意', '拒绝'].sort());
  await recordConsent(db(), teacher(at('2027-03-04T01:00:00Z')), 's1', paper('k2', 'granted', { signerName: '林奶奶', signerRelation: '祖母' }));
  const latest = await requireConsent(db(), 'k2');
  expect(latest).toMatchObject({ decision: 'granted', by: '林奶奶', signerRelation: '祖母', method: 'paper', recordedBy: 'teach' });
  expect(latest.at).toEqual(at('2027-03-04T01:00:00Z'));
});

test('the latest is the latest by time, not by the order stored', async () => {
  await recordConsent(db(), parent(at('2027-03-10T01:00:00Z')), 's1', wechat('k3', 'refused'));
  await recordConsent(db(), parent(at('2027-03-05T01:00:00Z')), 's1', wechat('k3', 'granted'));
  expect((await latestConsent(db(), 'k3'))!.decision).toBe('refused');
});

test.each([
  ['an outdated notice', parent, wechat('k4', 'granted'), { noticeVersion: '2020-01' }, { code: 'CONFLICT', message: '隐私告知书已更新，请重新阅读后再确认' }],
  ['a parent entering paper', parent, paper('k4', 'granted'), {}, { code: 'INVALID_INPUT', message: expect.stringContaining('家长请在小程序中直接确认') }],
  ['a teacher clicking for the family', teacher, wechat('k4', 'granted'), {}, { code: 'INVALID_INPUT', message: '老师只能登记家长签字的纸质同意书' }],
  [
    'paper without the signer',
    teacher,
    paper('k4', 'granted'),
    { signerName: undefined },
    { code: 'INVALID_INPUT', message: expect.stringContaining('请填写签字人姓名和与孩子的关系') },
  ],
  [
    'paper without the relation',
    teacher,
    paper('k4', 'granted'),
    { signerRelation: undefined },
    { code: 'INVALID_INPUT', message: expect.stringContaining('请填写签字人姓名和与孩子的关系') },
  ],
])('%s is refused and nothing is written', async (_what, who, input, over, error) => {
  await expect(recordConsent(db(), who(at('2027-03-06T01:00:00Z')), 's1', { ...input, ...over })).rejects.toMatchObject(error);
  expect(await stored('k4')).toEqual([]);
  expect(await audited('k4')).toEqual([]);
});

test('a guardian records in WeChat as a parent does; another kind of consent audits its own field in its own collection', async () => {
  const guardian: ConsentRecorder = { openid: 'gran', role: 'guardian', label: '林小禾的奶奶', now: at('2027-03-07T01:00:00Z'), action: 'photoConsent.record' };
  const photos = { collection: COLLECTION.photoConsents, notice: { ...PRIVACY_NOTICE, version: 'photo-1' }, auditField: 'photoConsent' };
  expect((await recordConsent(db(), guardian, 's1', { ...wechat('k5', 'granted'), noticeVersion: 'photo-1' }, photos)).status).toBe('granted');
  expect(await latestConsent(db(), 'k5')).toBeNull();
  expect((await latestConsent(db(), 'k5', photos))!.by).toBe('gran');
  expect((await audited('k5')).map((a) => a.fields)).toEqual([['photoConsent']]);
  expect(ARCHIVE_CONSENT.collection).toBe(COLLECTION.consents);
});

test('the input schema: a decision and a method from their lists, in Chinese', () => {
  const schema = consentInput();
  expect(schema.safeParse({ childId: 'k1', decision: 'granted', noticeVersion: 'v', method: 'paper' }).success).toBe(true);
  const bad = schema.safeParse({ childId: 'k1', decision: 'maybe', noticeVersion: 'v', method: 'fax' });
  expect(bad.success).toBe(false);
  expect(bad.error!.issues.map((i) => i.message).sort()).toEqual(['请选择同意或不同意', '请选择同意方式'].sort());
});

test('the input schema takes every decision and method, and names each missing or empty field in Chinese', () => {
  const schema = consentInput();
  for (const decision of ['granted', 'refused'])
    for (const method of ['wechat', 'paper']) expect(schema.safeParse({ childId: 'k1', decision, noticeVersion: 'v', method }).success).toBe(true);
  const messages = (input: Record<string, unknown>) => schema.safeParse(input).error!.issues.map((i) => i.message);
  expect(messages({ decision: 'granted', noticeVersion: 'v', method: 'paper' }).join()).toContain('儿童ID');
  expect(messages({ childId: 'k1', decision: 'granted', method: 'paper' }).join()).toContain('告知书版本');
  expect(messages({ childId: 'k1', decision: 'granted', noticeVersion: 'v', method: 'paper', signerName: '' }).join()).toContain('签字人姓名');
  expect(messages({ childId: 'k1', decision: 'granted', noticeVersion: 'v', method: 'paper', signerRelation: '' }).join()).toContain('签字人与孩子的关系');
});

test('each refusal names the field to fix', async () => {
  const details = async (who: typeof parent, input: ConsentInput) =>
    ((await recordConsent(db(), who(at('2027-03-06T01:00:00Z')), 's1', input).catch((e: unknown) => e)) as { details: unknown }).details;
  expect(await details(parent, paper('k6', 'granted'))).toEqual([{ path: 'method', message: expect.stringContaining('家长请在小程序中直接确认') }]);
  expect(await details(teacher, wechat('k6', 'granted'))).toEqual([{ path: 'method', message: '老师只能登记纸质同意书' }]);
  expect(await details(teacher, paper('k6', 'granted', { signerRelation: undefined }))).toEqual([
    { path: 'signerName', message: expect.stringContaining('请填写签字人姓名和与孩子的关系') },
  ]);
});
