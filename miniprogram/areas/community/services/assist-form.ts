/**
 * The ledger entry form: which fields each kind asks for (with the words a 儿童主任 uses), the checks the form can
 * make by itself, and the assistance.add input it becomes — amounts typed in 元, sent as integer 分.
 */
import type { AidSource, AssistanceKind } from '../../../../typings/domain';
import type { AssistanceInput } from '../../../../typings/actions/community';
import { beijingToday } from '../../../services/time';
import { parseYuan } from './money';

export interface AssistForm {
  kind: AssistanceKind;
  date: string;
  amount: string;
  party: string;
  item: string;
  quantity: string;
  source: AidSource | '';
  dayOfMonth: string;
  note: string;
}

/** The labels of the fields a kind shows; a missing one is not asked. `*` marks an optional field. */
export const KIND_FIELDS: Record<AssistanceKind, Partial<Record<keyof AssistForm, string>>> = {
  relief: { date: '申请日期', amount: '申请金额（元）', party: '向哪个部门申请' },
  allowance: { date: '从哪天起', amount: '每月金额（元）', party: '发放部门*' },
  recurring: { date: '开始日期', amount: '每月金额（元）', item: '代付什么', party: '交给谁', dayOfMonth: '每月几号送' },
  payment: { date: '付款日期', amount: '金额（元）', item: '付的什么', party: '交给谁' },
  material: { date: '发放日期', item: '物资', quantity: '数量（件）', source: '来源', party: '捐赠方*', amount: '价值（元）*' },
  referral: { date: '转介日期', party: '转介给哪个社会组织' },
};

export const PLACEHOLDERS: Partial<Record<keyof AssistForm, string>> = {
  party: '如：街道民政科、启迪辅导班、草根爱心公益团队',
  item: '如：寄宿费、书包、换季衣物',
  quantity: '如：2',
  dayOfMonth: '1–28，如：15',
  note: '可不填',
};

export function emptyAssist(kind: AssistanceKind = 'payment', now = new Date()): AssistForm {
  return { kind, date: beijingToday(now), amount: '', party: '', item: '', quantity: '1', source: '', dayOfMonth: '15', note: '' };
}

const optional = (label: string | undefined) => !!label?.endsWith('*');

/** The input, or the errors by field. */
export function assistInput(entryId: string, childId: string, f: AssistForm): { input: AssistanceInput } | { errors: Record<string, string> } {
  const fields = KIND_FIELDS[f.kind];
  const errors: Record<string, string> = {};
  let amountFen: number | null = null;
  if (fields.amount && !(optional(fields.amount) && !f.amount.trim())) {
    const parsed = parseYuan(f.amount);
    if (parsed.error) errors.amount = parsed.error;
    amountFen = parsed.fen;
  }
  for (const key of ['party', 'item'] as const) if (fields[key] && !optional(fields[key]) && !f[key].trim()) errors[key] = `请填写${fields[key]}`;
  if (fields.quantity && !/^\d{1,4}$/.test(f.quantity.trim())) errors.quantity = '数量应是整数';
  if (fields.source && !f.source) errors.source = '请选择来源';
  if (fields.dayOfMonth && !(/^\d{1,2}$/.test(f.dayOfMonth) && Number(f.dayOfMonth) >= 1 && Number(f.dayOfMonth) <= 28))
    errors.dayOfMonth = '每月几号应在 1–28 之间';
  if (Object.keys(errors).length) return { errors };
  const base = { entryId, childId, date: f.date, note: f.note.trim() || null };
  const party = f.party.trim();
  switch (f.kind) {
    case 'relief':
      return { input: { ...base, kind: 'relief', amountFen: amountFen!, party } };
    case 'allowance':
      return { input: { ...base, kind: 'allowance', amountFen: amountFen!, party: party || null } };
    case 'recurring':
      return { input: { ...base, kind: 'recurring', amountFen: amountFen!, item: f.item.trim(), party, dayOfMonth: Number(f.dayOfMonth) } };
    case 'payment':
      return { input: { ...base, kind: 'payment', amountFen: amountFen!, item: f.item.trim(), party } };
    case 'material':
      return {
        input: { ...base, kind: 'material', item: f.item.trim(), quantity: Number(f.quantity), source: f.source as AidSource, party: party || null, amountFen },
      };
    case 'referral':
      return { input: { ...base, kind: 'referral', party } };
  }
}
