/**
 * Writing the assistance ledger (帮扶台账): relief applications (临时救助) and how they move on, 低保 changes,
 * recurring payments made for the child (寄宿费 each month) and the payments themselves, material aid, referrals to
 * social organisations. Every entry is one transaction with its audit entry; its id is made on the phone, so the
 * same entry sent twice records the money once.
 */
import { z } from 'zod';
import type { AssistanceEntry, Child } from '../../../../typings/domain';
import type { AssistanceInput, AssistanceUpdate } from '../../../../typings/actions/community';
import type { Database, Transaction } from '../../cloud';
import { AppError, conflict, invalid } from '../../errors';
import { audit } from '../../audit';
import { COLLECTION } from '../../collections';
import { day, id, text } from '../../validate';
import { beijingDate, dayjs } from '../../time';
import { optText } from '../../archive/rules';
import { docOf, type Actor } from '../../archive/store';
import { assertPastDay, clientId, month } from '../input';
import { storeOnce } from '../once';
import { fen, MAX_ENTRY_FEN, MAX_MONTHLY_FEN, yuan } from './money';
import { KIND_LABELS } from './labels';

const base = (dateLabel: string) => ({
  entryId: clientId('台账记录编号'),
  childId: id('儿童ID'),
  date: day(dateLabel),
  note: optText('备注', 200).optional(),
});

export const assistanceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ ...base('申请日期'), kind: z.literal('relief'), amountFen: fen('申请金额', MAX_ENTRY_FEN), party: text('申请部门', 30) }).strict(),
    z
      .object({
        ...base('低保调整日期'),
        kind: z.literal('allowance'),
        amountFen: fen('低保每月金额', MAX_MONTHLY_FEN, { zero: true }),
        party: optText('发放部门', 30).optional(),
      })
      .strict(),
    z
      .object({
        ...base('开始日期'),
        kind: z.literal('recurring'),
        amountFen: fen('每月金额', MAX_MONTHLY_FEN),
        item: text('代付事项', 20),
        party: text('收款方', 30),
        dayOfMonth: z.number({ error: '每月几号必须是数字' }).int('每月几号必须是整数').min(1, '每月几号应在 1–28 之间').max(28, '每月几号应在 1–28 之间'),
        untilMonth: month('截止月份').nullable().optional(),
      })
      .strict(),
    z
      .object({
        ...base('付款日期'),
        kind: z.literal('payment'),
        amountFen: fen('付款金额', MAX_ENTRY_FEN),
        item: text('付款事项', 20),
        party: text('收款方', 30),
        recurringId: clientId('按月代付编号').nullable().optional(),
        month: month('所付月份').nullable().optional(),
      })
      .strict(),
    z
      .object({
        ...base('发放日期'),
        kind: z.literal('material'),
        item: text('物资名称', 20),
        quantity: z.number({ error: '数量必须是数字' }).int('数量必须是整数').min(1, '数量至少为 1').max(1000, '数量不合理（最多 1000）'),
        source: z.enum(['school', 'community', 'donor', 'charity', 'government'], { error: '请选择物资来源' }),
        party: optText('捐赠方', 30).optional(),
        amountFen: fen('物资价值', MAX_ENTRY_FEN).nullable().optional(),
      })
      .strict(),
    z.object({ ...base('转介日期'), kind: z.literal('referral'), party: text('转介的社会组织', 50) }).strict(),
  ],
  { error: '请选择台账类别' },
);

export const updateSchema = z.discriminatedUnion(
  'stage',
  [
    z.object({ entryId: clientId('台账记录编号'), stage: z.enum(['approved', 'paid']), amountFen: fen('金额', MAX_ENTRY_FEN), on: day('日期') }).strict(),
    z.object({ entryId: clientId('台账记录编号'), stage: z.literal('refused'), on: day('日期'), note: optText('说明', 200).optional() }).strict(),
    z.object({ entryId: clientId('台账记录编号'), stage: z.literal('ended'), untilMonth: month('截止月份') }).strict(),
  ],
  { error: '请选择要登记的进展' },
);

const EMPTY = {
  amountFen: null,
  party: null,
  item: null,
  quantity: null,
  source: null,
  note: null,
  status: null,
  approvedFen: null,
  approvedOn: null,
  paidFen: null,
  paidOn: null,
  dayOfMonth: null,
  untilMonth: null,
  recurringId: null,
  month: null,
} as const;

/** Days: what happened is not in the future; a 低保 change or a recurring payment may start up to a year ahead. */
function checkDate(input: AssistanceInput, now: Date): void {
  const ahead = input.kind === 'allowance' || input.kind === 'recurring';
  if (!ahead) return assertPastDay(input.date, now, '日期', 'date');
  if (input.date > dayjs.utc(beijingDate(now)).add(1, 'year').format('YYYY-MM-DD')) throw invalid('日期不能晚于一年后', 'date');
  if (input.date < dayjs.utc(beijingDate(now)).subtract(5, 'year').format('YYYY-MM-DD')) throw invalid('日期不能早于五年前', 'date');
  if (input.kind === 'recurring' && input.untilMonth && input.untilMonth < input.date.slice(0, 7)) throw invalid('截止月份不能早于开始月份', 'untilMonth');
}

function entryRecord(child: Child, input: AssistanceInput, actor: Actor & { label: string }): AssistanceEntry {
  const common = {
    _id: input.entryId,
    schoolId: child.schoolId,
    classId: child.classId,
    childId: child._id,
    communityId: child.communityId ?? null,
    kind: input.kind,
    date: input.date,
    recordedAt: actor.now,
    recordedBy: actor.openid,
    recordedRole: actor.role!,
    recordedLabel: actor.label,
    updatedAt: actor.now,
  };
  const note = input.note ?? null;
  switch (input.kind) {
    case 'relief':
      return { ...common, ...EMPTY, amountFen: input.amountFen, party: input.party, note, status: 'applied' };
    case 'allowance':
      return { ...common, ...EMPTY, amountFen: input.amountFen, party: input.party ?? null, note };
    case 'recurring':
      return {
        ...common,
        ...EMPTY,
        amountFen: input.amountFen,
        item: input.item,
        party: input.party,
        note,
        dayOfMonth: input.dayOfMonth,
        untilMonth: input.untilMonth ?? null,
      };
    case 'payment':
      return {
        ...common,
        ...EMPTY,
        amountFen: input.amountFen,
        item: input.item,
        party: input.party,
        note,
        recurringId: input.recurringId ?? null,
        month: input.recurringId ? (input.month ?? input.date.slice(0, 7)) : (input.month ?? null),
      };
    case 'material':
      return {
        ...common,
        ...EMPTY,
        item: input.item,
        quantity: input.quantity,
        source: input.source,
        party: input.party ?? null,
        amountFen: input.amountFen ?? null,
        note,
      };
    case 'referral':
      return { ...common, ...EMPTY, party: input.party, note };
  }
}

const summary = (e: AssistanceEntry) => `${KIND_LABELS[e.kind]}${e.amountFen !== null ? ` ${yuan(e.amountFen)} 元` : ''}${e.item ? `（${e.item}）` : ''}`;

/** A payment of a recurring one: that recurring payment is the same child's, and each month is paid once. */
async function checkPayment(tx: Transaction, entry: AssistanceEntry): Promise<void> {
  if (!entry.recurringId) return;
  const recurring = docOf<AssistanceEntry>(await tx.collection(COLLECTION.assistance).doc(entry.recurringId).get());
  if (!recurring || recurring.kind !== 'recurring' || recurring.childId !== entry.childId) throw invalid('所选的按月代付不属于这个孩子', 'recurringId');
  const paid = await tx.collection(COLLECTION.assistance).where({ recurringId: entry.recurringId, month: entry.month, kind: 'payment' }).get();
  if (paid.data.length) throw conflict(`${Number(entry.month!.slice(5))}月的${recurring.item}已经登记过了`);
}

/** What a second arrival of an entry answers: the stored one, if it is this person's entry for this child. */
function again(existing: AssistanceEntry, input: AssistanceInput, actor: Actor): { entryId: string; created: false } {
  if (existing.childId !== input.childId || existing.recordedBy !== actor.openid || existing.kind !== input.kind)
    throw new AppError('CONFLICT', '这条台账记录的编号已被使用，请重新打开表单填写');
  return { entryId: existing._id, created: false };
}

/** Record one entry of a child's ledger, once. */
export async function addEntry(
  db: Database,
  child: Child,
  input: AssistanceInput,
  actor: Actor & { label: string },
): Promise<{ entryId: string; created: boolean }> {
  checkDate(input, actor.now);
  const entry = entryRecord(child, input, actor);
  return storeOnce<AssistanceEntry, { entryId: string; created: boolean }>(
    db,
    COLLECTION.assistance,
    entry._id,
    async (tx) => {
      if (entry.kind === 'payment') await checkPayment(tx, entry);
      await tx.collection(COLLECTION.assistance).add(entry);
      await audit(tx, actor, [{ kind: 'change', schoolId: child.schoolId, childId: child._id, fields: ['assistance'], note: `帮扶台账：${summary(entry)}` }]);
      return { entryId: entry._id, created: true };
    },
    (existing) => again(existing, input, actor),
  );
}

/** The patch an update makes, after checking it fits where the entry stands. */
function progress(entry: AssistanceEntry, input: AssistanceUpdate, now: Date): Partial<AssistanceEntry> {
  if (input.stage === 'ended') {
    if (entry.kind !== 'recurring') throw invalid('只有按月代付可以停止', 'stage');
    if (input.untilMonth < entry.date.slice(0, 7)) throw invalid('截止月份不能早于开始月份', 'untilMonth');
    return { untilMonth: input.untilMonth };
  }
  if (entry.kind !== 'relief') throw invalid('只有临时救助有审批和发放进展', 'stage');
  assertPastDay(input.on, now, '日期', 'on');
  if (input.on < entry.date) throw invalid('日期不能早于申请日期', 'on');
  if (entry.status === 'refused' || entry.status === 'paid') throw conflict(entry.status === 'paid' ? '这笔救助已经发放' : '这笔救助申请未获批准');
  if (input.stage === 'refused') return { status: 'refused', note: input.note ?? entry.note };
  if (input.stage === 'approved') {
    if (entry.status !== 'applied') throw conflict('这笔救助已经批准过了');
    if (input.amountFen > entry.amountFen!) throw invalid(`批准金额不能超过申请金额 ${yuan(entry.amountFen!)} 元`, 'amountFen');
    return { status: 'approved', approvedFen: input.amountFen, approvedOn: input.on };
  }
  if (entry.status !== 'approved') throw conflict('请先登记批准，再登记发放');
  if (input.amountFen > entry.approvedFen!) throw invalid(`发放金额不能超过批准金额 ${yuan(entry.approvedFen!)} 元`, 'amountFen');
  if (input.on < entry.approvedOn!) throw invalid('发放日期不能早于批准日期', 'on');
  return { status: 'paid', paidFen: input.amountFen, paidOn: input.on };
}

const STAGE_LABELS: Record<AssistanceUpdate['stage'], string> = { approved: '批准', paid: '发放', refused: '未批准', ended: '停止' };

/** A relief application is approved, paid or refused; a recurring payment stops after a month. Audited with it. */
export async function updateEntry(db: Database, entryId: string, input: AssistanceUpdate, actor: Actor): Promise<{ entryId: string }> {
  await db.runTransaction(async (tx: Transaction) => {
    const entry = docOf<AssistanceEntry>(await tx.collection(COLLECTION.assistance).doc(entryId).get());
    if (!entry) throw new AppError('NOT_FOUND', '没有这条台账记录');
    const patch = progress(entry, input, actor.now);
    await tx
      .collection(COLLECTION.assistance)
      .doc(entryId)
      .update({ ...patch, updatedAt: actor.now });
    const amount = 'amountFen' in input ? ` ${yuan(input.amountFen)} 元` : '';
    await audit(tx, actor, [
      {
        kind: 'change',
        schoolId: entry.schoolId,
        childId: entry.childId,
        fields: ['assistance'],
        note: `帮扶台账：${summary(entry)} ${STAGE_LABELS[input.stage]}${amount}`,
      },
    ]);
  });
  return { entryId };
}
