/**
 * What each alert is and what to do about it: the Chinese name of its kind, whether it is urgent (the child may be
 * without care or harmed, so the steps include the mandatory report), and the steps to take, which go out with the
 * alert to everyone told of it.
 */
import type { AlertRecord, SituationChangeKind } from '../../../typings/domain';

export interface AlertGuide {
  label: string;
  urgent: boolean;
  /** The steps to take, in order; the last one is always closing the alert with what was done. */
  steps: string[];
}

const CLOSE = '落实后在预警里填写处理情况并关闭（关闭必须写明结果）';
const REPORT = '孩子无人照料或疑似受到侵害的，立即向公安机关或民政部门报告（强制报告），并在预警里登记报告情况';

/** 情况变化: what a home visit can find, each with its steps. */
export const SITUATION_CHANGES: Record<SituationChangeKind, AlertGuide> = {
  guardian_lost: {
    label: '监护人离开或失去照护能力',
    urgent: true,
    steps: ['当天核实孩子现在由谁照看、住在哪里', '联系父母，落实有照护能力的委托监护人，学校更新联系卡', REPORT, CLOSE],
  },
  parent_jailed: {
    label: '父母服刑或被羁押',
    urgent: true,
    steps: [
      '当天核实孩子现在由谁照看、住在哪里',
      '联系另一方父母或近亲属落实照护；无人照护的向街道（乡镇）和民政部门报告，申请临时救助',
      '学校更新联系卡和档案（服刑在押人员子女），帮扶教师多谈心',
      CLOSE,
    ],
  },
  parent_ill: {
    label: '父母重病或残疾',
    urgent: false,
    steps: ['了解在家照护孩子的人能否照护', '家庭困难的，协助申请低保、临时救助或医疗救助', '学校更新档案，帮扶教师多关心孩子情绪', CLOSE],
  },
  parent_dead: {
    label: '父母去世',
    urgent: true,
    steps: ['当天核实孩子由谁照看，落实监护', '协助申请孤儿或事实无人抚养儿童保障、临时救助', '帮扶教师和心理老师做好心理疏导', REPORT, CLOSE],
  },
  out_of_school: {
    label: '辍学或长期不上学',
    urgent: false,
    steps: ['班主任当天联系家长了解原因', '儿童主任和学校一起劝返，落实控辍保学', '有困难的协助申请救助', CLOSE],
  },
  moved_away: {
    label: '迁出本村',
    urgent: false,
    steps: ['核实孩子迁往何处、由谁照看', '学校办理转学手续，把档案转交新学校', '通知迁入地的儿童主任', CLOSE],
  },
  hardship: {
    label: '家庭陷入困境',
    urgent: false,
    steps: ['入户了解困难的原因和急需', '协助申请低保、临时救助，联系社会组织帮扶', '在帮扶台账里登记每一笔救助', CLOSE],
  },
  harm_suspected: {
    label: '疑似受到侵害',
    urgent: true,
    steps: ['确保孩子当下安全，不要单独追问细节', REPORT, '学校和儿童主任配合公安、民政做好后续保护', CLOSE],
  },
};

export const SITUATION_CHANGE_KINDS = Object.keys(SITUATION_CHANGES) as SituationChangeKind[];

/** The guardian alert the contact card raises (无有照护能力的监护人). */
export const GUARDIAN_GUIDE: AlertGuide = {
  label: '没有有照护能力的监护人',
  urgent: true,
  steps: [
    '当天核实孩子现在由谁照看、住在哪里（儿童主任入户，班主任问孩子）',
    '联系父母，落实有照护能力的委托监护人，更新联系卡',
    REPORT,
    '帮扶教师加强谈心，儿童主任每月走访一次',
    CLOSE,
  ],
};

/** The alert a talk raises (疑似受到侵害 / 无人照料 found in a 谈心, core/talks/record.ts): for the admins and the mentor only. */
export const TALK_ALERT = 'talk_concern';

export const TALK_GUIDE: AlertGuide = {
  label: '疑似受到侵害或无人照料（谈心发现）',
  urgent: true,
  steps: ['当天核实孩子的情况，确保孩子当下安全，不要单独追问细节', REPORT, '帮扶教师持续谈心，必要时请心理老师辅导', CLOSE],
};

const OTHER: AlertGuide = { label: '预警', urgent: false, steps: ['核实情况，联系孩子的家庭', CLOSE] };

/** What the alert is and what to do. */
export function alertGuide(alert: Pick<AlertRecord, 'kind' | 'change' | 'urgent'>): AlertGuide {
  if (alert.kind === 'no_capable_guardian') return GUARDIAN_GUIDE;
  if (alert.kind === TALK_ALERT) return TALK_GUIDE;
  if (alert.kind === 'situation_change' && alert.change) return SITUATION_CHANGES[alert.change.kind] ?? OTHER;
  return { ...OTHER, urgent: !!alert.urgent };
}
