/** How the community pages show their data: register rows, visits waiting to be sent, visit due lines. */
import type { AssistanceView, LedgerOutput, LedgerTotals, RegisterRow, VisitDue, VisitView } from '../../../../typings/actions/community';
import type { PendingRow } from '../components/pending-visits/type';
import { dayLabel } from '../../../services/time';
import { LEFT_BEHIND_LABELS, METHOD_LABELS } from './labels';
import { yuanText } from './money';
import type { QueuedVisit } from './visits';

export interface Tag {
  text: string;
  theme: 'danger' | 'warning' | 'primary' | 'default' | 'success';
}

export interface RegisterRowView {
  childId: string;
  name: string;
  sub: string;
  visit: string;
  money: string;
  tags: Tag[];
  /** for the filters */
  toVisit: boolean;
  alert: boolean;
  focus: boolean;
}

const DUE_TAGS: Partial<Record<VisitDue, Tag>> = {
  overdue: { text: '逾期未访', theme: 'danger' },
  never: { text: '从未走访', theme: 'warning' },
  soon: { text: '即将到期', theme: 'primary' },
};

/** 上次走访 3月1日 · 6月1日前再访 */
export function dueLine(due: { lastVisit: string | null; nextDue: string | null; due: VisitDue }): string {
  if (due.due === 'none') return due.lastVisit ? `上次走访 ${dayLabel(due.lastVisit)} · 无需定期走访` : '无需定期走访';
  if (!due.lastVisit) return '还没有走访记录';
  const next = due.nextDue ? `${dayLabel(due.nextDue)}${due.due === 'overdue' ? '应已再访' : '前再访'}` : '';
  return `上次走访 ${dayLabel(due.lastVisit)} · ${next}`;
}

export function registerRow(r: RegisterRow): RegisterRowView {
  const tags: Tag[] = [];
  if (r.urgentAlerts) tags.push({ text: '紧急预警', theme: 'danger' });
  else if (r.openAlerts) tags.push({ text: '预警', theme: 'danger' });
  const due = DUE_TAGS[r.due];
  if (due) tags.push(due);
  if (r.focus) tags.push({ text: '重点', theme: 'warning' });
  const money = [
    r.allowanceMonthlyFen ? `低保每月 ${yuanText(r.allowanceMonthlyFen)} 元` : '',
    r.reliefPaidFen ? `临时救助 ${yuanText(r.reliefPaidFen)} 元` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    childId: r.childId,
    name: r.name,
    sub: `${r.className} · ${r.age}岁 · ${LEFT_BEHIND_LABELS[r.leftBehindType]}`,
    visit: dueLine(r),
    money,
    tags,
    toVisit: r.due === 'overdue' || r.due === 'never' || r.due === 'soon',
    alert: r.openAlerts > 0,
    focus: r.focus,
  };
}

export function pendingRows(list: QueuedVisit[]): PendingRow[] {
  return list.map((q) => ({
    id: q.visitId,
    line: `${q.childName} · ${dayLabel(q.input.date)} ${METHOD_LABELS[q.input.method]}`,
    state: q.error ? `未能发送：${q.error}` : '等待网络，有网时自动发送',
    failed: !!q.error,
  }));
}

export interface VisitRowView {
  id: string;
  title: string;
  lines: { label: string; text: string }[];
  change: { label: string; note: string } | null;
  steps: string[];
  by: string;
}

const SITUATION: [keyof VisitView['situation'], string][] = [
  ['living', '生活'],
  ['schooling', '上学'],
  ['health', '身体'],
  ['safety', '安全'],
  ['mood', '情绪'],
];

export function visitRow(v: VisitView): VisitRowView {
  const lines = [
    ...SITUATION.flatMap(([key, label]) => (v.situation[key] ? [{ label, text: v.situation[key]! }] : [])),
    ...(v.guardianCondition ? [{ label: '监护人', text: v.guardianCondition }] : []),
    ...(v.findings ? [{ label: '发现', text: v.findings }] : []),
  ];
  return {
    id: v.id,
    title: `${dayLabel(v.date)} ${v.methodLabel} · 见到${v.met}`,
    lines,
    change: v.change ? { label: v.change.label, note: v.change.note } : null,
    steps: v.nextSteps.map((s) => (s.due ? `${s.text}（${dayLabel(s.due)}前）` : s.text)),
    by: v.by,
  };
}

export interface EntryRowView {
  id: string;
  kind: AssistanceView['kind'];
  title: string;
  sub: string;
  note: string;
  /** A relief application still to move on (批准 / 发放). */
  open: boolean;
}

/** 临时救助 4000.00 元 · 7月6日 · 团结街道民政科 · 已发放 */
export function entryRow(e: AssistanceView, withChild = false): EntryRowView {
  const what =
    e.kind === 'material'
      ? `${e.item} ${e.quantity} 件${e.amountYuan ? `（价值 ${e.amountYuan} 元）` : ''}`
      : e.kind === 'referral'
        ? `转介：${e.party}`
        : `${e.item ?? e.kindLabel} ${e.amountYuan} 元${e.kind === 'allowance' || e.kind === 'recurring' ? '/月' : ''}`;
  const progress =
    e.kind === 'relief'
      ? [e.statusLabel, e.paidFen !== null ? `发放 ${yuanText(e.paidFen)} 元` : e.approvedFen !== null ? `批准 ${yuanText(e.approvedFen)} 元` : '']
      : [];
  const when = e.kind === 'allowance' ? `${dayLabel(e.date)}起` : e.kind === 'recurring' ? `${dayLabel(e.date)}起每月${e.dayOfMonth}日` : dayLabel(e.date);
  return {
    id: e.id,
    kind: e.kind,
    title: `${withChild ? `${e.childName} · ` : ''}${e.kind === 'material' || e.kind === 'referral' ? '' : `${e.kindLabel} `}${what}`.trim(),
    sub: [when, e.kind === 'material' ? e.sourceLabel : e.kind === 'referral' ? '' : e.party, ...progress].filter(Boolean).join(' · '),
    note: e.note ?? '',
    open: e.kind === 'relief' && (e.status === 'applied' || e.status === 'approved'),
  };
}

/** The totals as the summary grid shows them. */
export function totalCells(t: LedgerTotals, y: LedgerOutput['totalsYuan']): { label: string; value: string }[] {
  return [
    { label: '临时救助已发放', value: `${y.reliefPaid} 元` },
    { label: '低保（每月）', value: `${y.allowanceMonthly} 元` },
    { label: '代付合计', value: `${y.payments} 元` },
    { label: '物资', value: `${t.materialItems} 件` },
    { label: '转介', value: `${t.referrals} 次` },
    { label: '临时救助申请', value: `${y.reliefApplied} 元` },
  ];
}
