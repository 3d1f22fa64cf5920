/**
 * The schedule a new term's plan starts from, as the school's work plan writes it (四、工作安排, 三月份…七月份), plus
 * the monthly inspirational film (每月组织一次留守儿童观看励志教育专题片). The autumn term (九月–一月) follows the same
 * course: survey and archive first, pairs next, the parent meeting before the end, the summary last.
 */
import type { TermView } from '../../../typings/actions/dashboard';
import type { EvidenceRef } from '../../../typings/actions/workPlan';
import { dayjs } from '../time';
import type { WorkItemRecord } from './records';

type Entry = [title: string, evidence?: EvidenceRef[]];

const archive: EvidenceRef[] = [{ kind: 'rate', rate: 'archive' }];
const pairing: EvidenceRef[] = [{ kind: 'rate', rate: 'pairing' }];
const contact: EvidenceRef[] = [{ kind: 'rate', rate: 'contact' }];
const meeting: EvidenceRef[] = [{ kind: 'rate', rate: 'parentEducation' }];
const summaries: EvidenceRef[] = [{ kind: 'helpPlanSummaries' }];

/** Spring term, by month number: the seed plan's 三月–七月. */
export const SPRING_TEMPLATE: Record<number, Entry[]> = {
  3: [['成立校级领导组、对全校留守儿童基本情况摸底'], ['建立留守儿童基本档案', archive], ['开展“爱心妈妈”等结对活动', pairing]],
  4: [['留守儿童信息更新', archive], ['与学校配合开展关爱留守儿童培训专班']],
  5: [['开展留守儿童庆祝活动'], ['完善结对活动、档案信息更新', pairing], ['开通留守儿童亲情电话、有条件开展亲情视频', contact]],
  6: [
    ['召开一次留守儿童家长会', meeting],
    ['继续开展结对活动', pairing],
  ],
  7: [['留守儿童工作总结', summaries], ['留守儿童工作档案整理', archive], ['留守儿童工作经验交流及论文撰写']],
};

/** Autumn term: 九月–一月. */
export const AUTUMN_TEMPLATE: Record<number, Entry[]> = {
  9: [['调整校级领导组、新学期留守儿童情况摸底'], ['新转入留守儿童建档、档案更新', archive], ['调整“爱心妈妈”“手拉手”结对', pairing]],
  10: [['留守儿童信息更新', archive], ['关爱留守儿童教师培训专班']],
  11: [
    ['开通留守儿童亲情电话、每周亲情视频', contact],
    ['完善结对活动', pairing],
  ],
  12: [['召开一次留守儿童家长会', meeting], ['元旦庆祝活动']],
  1: [['留守儿童工作总结', summaries], ['留守儿童工作档案整理', archive], ['工作经验交流及论文撰写']],
};

export const MONTHLY_FILM = '组织留守儿童观看励志教育专题片';

/** The months (YYYY-MM) of a term, from its first to its last day's month. */
export function monthsOfTerm(term: TermView): string[] {
  const out: string[] = [];
  for (let m = dayjs.utc(`${term.start.slice(0, 7)}-01`); m.format('YYYY-MM') <= term.end.slice(0, 7); m = m.add(1, 'month')) out.push(m.format('YYYY-MM'));
  return out;
}

/** A term that begins between February and July is a spring term. */
const isSpring = (term: TermView) => {
  const m = Number(term.start.slice(5, 7));
  return m >= 2 && m <= 7;
};

/** The template's items for this term, the month's film last, owned by the leading group, not started. */
export function templateItems(term: TermView): WorkItemRecord[] {
  const template = isSpring(term) ? SPRING_TEMPLATE : AUTUMN_TEMPLATE;
  return monthsOfTerm(term).flatMap((month) => {
    const entries: Entry[] = [...(template[Number(month.slice(5))] ?? []), [MONTHLY_FILM]];
    return entries.map(([title, evidence = []], i) => ({
      id: `t${month.replace('-', '')}${i + 1}`,
      month,
      title,
      owner: { kind: 'group' as const, bindingId: null, openid: null },
      status: 'todo' as const,
      evidence,
    }));
  });
}
