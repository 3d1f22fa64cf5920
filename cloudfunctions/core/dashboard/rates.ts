/**
 * The rates and how each child counts in them. Every rate is a numerator over a denominator of left-behind
 * children, judged one child at a time, so a class's count, the school's count and the drill-down (the children
 * behind a number) always agree; counts.ts sums the same rules in the database. Targets are the work plans' (建档率、入学率、
 * 巩固率 100 %; 接种率、家教知识普及率 95 %).
 */
import type { RateChild, RateKey, RateView, TermView } from '../../../typings/actions/dashboard';
import { requiredMissing } from '../archive/completeness';
import { NOT_ATTENDING } from '../archive/enrolment';
import { ENROLMENT_LABELS, VACCINATION_LABELS } from '../archive/labels';
import { ROUND_STATUS_LABELS } from '../talks/labels';
import { dueIn, roundStatus } from '../talks/round';
import { beijingDate, fromBeijing, monthDayText } from '../time';
import { DEFAULT_POLICY, visitDue } from '../community/policy';
import type { VisitDue } from '../../../typings/actions/community';
import type { RateChildRecord, RateData } from './load';
import type { Tally } from './counts';

/** How one child counts: in the denominator (else null) and, if `counted`, in the numerator. */
interface Verdict {
  childId: string;
  name: string;
  classId: string;
  counted: boolean;
  note: string;
}

export interface Judging {
  data: RateData;
  term: TermView;
  asOf: string;
}

interface RateDef {
  key: RateKey;
  label: string;
  basis: string;
  target: number;
  judge(j: Judging): Verdict[];
}

const statusOf = (c: RateChildRecord) => c.enrolment?.status ?? 'enrolled';
const attending = (c: RateChildRecord) => !(NOT_ATTENDING as readonly string[]).includes(statusOf(c));
const enrolmentNote = (c: RateChildRecord) => (c.enrolment ? `${ENROLMENT_LABELS[c.enrolment.status]}（${c.enrolment.date}）` : ENROLMENT_LABELS.enrolled);

/** Each child once, in the denominator when `inBase`, with the verdict `judge` gives. */
const perChild =
  (inBase: (c: RateChildRecord, j: Judging) => boolean, judge: (c: RateChildRecord, j: Judging) => { counted: boolean; note: string }) =>
  (j: Judging): Verdict[] =>
    onRoll(j)
      .filter((c) => inBase(c, j))
      .map((c) => ({ childId: c._id, name: c.name, classId: c.classId, ...judge(c, j) }));

/** The left-behind children on the roll by the day the rates stand at. */
function onRoll(j: Judging): RateChildRecord[] {
  return j.data.children.filter((c) => !c.createdAt || beijingDate(c.createdAt) <= j.asOf);
}

export const RATES: RateDef[] = [
  {
    key: 'archive',
    label: '建档率',
    basis: '档案必填项齐全的留守儿童 / 留守儿童',
    target: 100,
    judge: perChild(
      () => true,
      (c) => {
        const consent = [...c.consents].sort((a, b) => b.at.getTime() - a.at.getTime())[0];
        const missing = requiredMissing(c, c.cards[0] ?? null, consent?.decision === 'granted');
        return { counted: missing.length === 0, note: missing.length ? `缺：${missing.join('、')}` : '档案齐全' };
      },
    ),
  },
  {
    key: 'enrolment',
    label: '入学率',
    basis: '在校就读的留守儿童 / 本校留守儿童（转出的不计）',
    target: 100,
    judge: perChild(
      (c) => statusOf(c) !== 'transferred_out',
      (c) => ({ counted: attending(c), note: enrolmentNote(c) }),
    ),
  },
  {
    key: 'retention',
    label: '巩固率',
    basis: '仍在校就读的留守儿童 / 学期初在籍的留守儿童（转出、学期中转入的不计）',
    target: 100,
    judge: perChild(
      (c, j) => statusOf(c) !== 'transferred_out' && !(c.enrolment?.status === 'transferred_in' && c.enrolment.date >= j.term.start),
      (c) => ({ counted: attending(c), note: enrolmentNote(c) }),
    ),
  },
  {
    key: 'vaccination',
    label: '计划免疫接种率',
    basis: '已全程接种的留守儿童 / 留守儿童',
    target: 95,
    judge: perChild(
      () => true,
      (c) => ({ counted: c.vaccination === 'complete', note: c.vaccination ? VACCINATION_LABELS[c.vaccination] : '未登记' }),
    ),
  },
  {
    key: 'parentEducation',
    label: '家长家教知识普及率',
    basis: '本学年监护人参加过家长会/座谈会的留守儿童 / 留守儿童',
    target: 95,
    judge: perChild(
      () => true,
      (c, j) => (j.data.educated.has(c._id) ? { counted: true, note: '监护人已参加' } : { counted: false, note: '本学年监护人未参加' }),
    ),
  },
  {
    key: 'pairing',
    label: '结对帮扶覆盖率',
    basis: '有帮扶教师和手拉手好朋友的留守儿童 / 留守儿童',
    target: 100,
    judge: perChild(
      () => true,
      (c, j) => {
        const lacks = [...(j.data.pairings.has(`${c._id}|mentor`) ? [] : ['帮扶教师']), ...(j.data.pairings.has(`${c._id}|buddy`) ? [] : ['手拉手好朋友'])];
        return { counted: lacks.length === 0, note: lacks.length ? `缺${lacks.join('、')}` : '已结对' };
      },
    ),
  },
  {
    key: 'contact',
    label: '每周亲情联系率',
    basis: '本周有亲情视频或电话的留守儿童 / 留守儿童',
    target: 100,
    // The family-call area counts the week itself (its coverage screen shows the same numbers).
    judge: (j) =>
      j.data.contacts.map((r) => ({
        childId: r.childId,
        name: r.name,
        classId: r.classId,
        counted: r.contactedThisWeek,
        note: r.contactedThisWeek ? '本周已联系' : `已${r.weeksWithout}周未联系`,
      })),
  },
  {
    key: 'talks',
    label: '每月谈心完成率',
    basis: '本月已谈心的留守儿童 / 本月应谈心的留守儿童',
    target: 100,
    // The month and the moment the rates stand at are worked out once, not once per child.
    judge: (j) => {
      const month = j.asOf.slice(0, 7);
      const noon = fromBeijing(`${j.asOf} 12:00`);
      return perChild(
        (c) => dueIn({ ...c, deletedAt: c.deletedAt ?? null }, month),
        (c) => {
          const status = roundStatus(j.data.talked.has(c._id) ? 1 : 0, month, noon);
          return { counted: status === 'done', note: ROUND_STATUS_LABELS[status] };
        },
      )(j);
    },
  },
  {
    key: 'visits',
    label: '入户走访率',
    basis: '在走访周期内有儿童主任走访的留守儿童 / 留守儿童',
    target: 100,
    // The community area's rule: every quarter, a focus child every month, or the community's own intervals.
    judge: perChild(
      () => true,
      (c, j) => {
        const last = j.data.lastVisit.get(c._id) ?? null;
        const { due } = visitDue(c, last, (c.communityId && j.data.policies.get(c.communityId)) || DEFAULT_POLICY, j.asOf);
        return { counted: due === 'ok' || due === 'soon', note: last ? `${VISIT_DUE_NOTES[due]}（上次${monthDayText(last)}）` : VISIT_DUE_NOTES.never };
      },
    ),
  },
];

const VISIT_DUE_NOTES: Record<VisitDue, string> = { ok: '按期走访', soon: '按期走访，快到下次', overdue: '走访逾期', never: '还没有走访', none: '不需走访' };

export const RATE_KEYS = RATES.map((r) => r.key) as [RateKey, ...RateKey[]];

export function percent(numerator: number, denominator: number): number | null {
  return denominator ? Math.round((numerator / denominator) * 1000) / 10 : null;
}

export function rateView(def: Pick<RateDef, 'key' | 'label' | 'basis' | 'target'>, numerator: number, denominator: number): RateView {
  const rate = percent(numerator, denominator);
  return { key: def.key, label: def.label, basis: def.basis, numerator, denominator, rate, target: def.target, met: rate === null ? null : rate >= def.target };
}

/** One rate's verdicts (a drill-down). */
export function judgeRate(rate: RateKey, j: Judging): Verdict[] {
  return RATES.find((r) => r.key === rate)!.judge(j);
}

/** The rates over the verdicts that pass `keep` (a class, or everyone). */
export function ratesOf(verdicts: Map<RateKey, Verdict[]>, keep: (v: Verdict) => boolean = () => true): RateView[] {
  return RATES.map((def) => {
    const mine = verdicts.get(def.key)!.filter(keep);
    return rateView(def, mine.filter((v) => v.counted).length, mine.length);
  });
}

export function drillDown(verdicts: Verdict[], className: Map<string, string>): RateChild[] {
  return verdicts
    .map((v) => ({ childId: v.childId, name: v.name, className: className.get(v.classId) ?? '', counted: v.counted, note: v.note }))
    .sort((a, b) => Number(a.counted) - Number(b.counted) || a.className.localeCompare(b.className, 'zh') || a.name.localeCompare(b.name, 'zh'));
}

/** The rates of a tally (counts.ts); none = nobody counted. */
export function ratesOfTally(tally: Tally | undefined): RateView[] {
  return RATES.map((def) => rateView(def, tally?.[def.key].numerator ?? 0, tally?.[def.key].denominator ?? 0));
}

/** Several tallies (the classes of a school, the schools of a county) as one. */
export function sumTallies(tallies: Iterable<Tally>): Tally {
  const sum = Object.fromEntries(RATES.map((r) => [r.key, { numerator: 0, denominator: 0 }])) as Tally;
  for (const t of tallies) {
    for (const r of RATES) {
      sum[r.key].numerator += t[r.key].numerator;
      sum[r.key].denominator += t[r.key].denominator;
    }
  }
  return sum;
}
