/**
 * Chinese names of the talk area's codes: the one source of them (the pages read the same tables from
 * miniprogram/generated/talk-labels.ts, written by scripts/generate-miniprogram.ts).
 */
import type {
  ActionStatus,
  ConcernTag,
  CounsellingFocus,
  CounsellorRole,
  ParticipantKind,
  PlanMeasureKind,
  PlanReason,
  ReviewOutcome,
  RoundStatus,
  TalkerRole,
  TalkTopic,
} from '../../../typings/actions/talks';

export const TOPIC_LABELS: Record<TalkTopic, string> = {
  study: '学习',
  life: '生活',
  family: '家庭',
  friends: '朋友',
  feelings: '情绪',
  safety: '安全',
  health: '健康',
};

export const CONCERN_LABELS: Record<ConcernTag, string> = {
  study_decline: '学习严重滑坡',
  personality: '人格发展不健全',
  moral: '道德发展失范',
  law: '涉嫌违法',
  psychological: '心理困扰',
  safety: '安全隐患',
  suspected_harm: '疑似受到侵害',
  no_care: '无人照料',
};

/** The concerns that call for an individual education plan within PLAN_DAYS (the seed's four). */
export const PLAN_CONCERNS: readonly ConcernTag[] = ['study_decline', 'personality', 'moral', 'law'];
/** The concerns that raise an urgent alert with the mandatory-report steps. */
export const ALERT_CONCERNS: readonly ConcernTag[] = ['suspected_harm', 'no_care'];
export const PLAN_DAYS = 14;

export const TALKER_LABELS: Record<TalkerRole, string> = {
  mentor: '帮扶教师',
  class_teacher: '班主任',
  counsellor: '心理辅导老师',
  subject_teacher: '任课教师',
};

/** The mood scale of the card, 1 to 5. */
export const MOOD_SCALE: { value: number; label: string }[] = [
  { value: 1, label: '很低落' },
  { value: 2, label: '有点低落' },
  { value: 3, label: '平静' },
  { value: 4, label: '开心' },
  { value: 5, label: '很开心' },
];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = { open: '待跟进', done: '已完成', partly: '部分完成', not_done: '未完成' };

export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = { done: '已谈心', due: '待谈心', overdue: '逾期未谈' };

export const PLAN_REASON_LABELS: Record<PlanReason, string> = {
  study_decline: '学习严重滑坡',
  personality: '人格发展不健全',
  moral: '道德发展失范',
  law: '涉嫌违法',
};

export const MEASURE_LABELS: Record<PlanMeasureKind, string> = { tutoring: '辅导', correction: '矫治', counselling: '心理辅导', home_school: '家校联系' };

export const REVIEW_LABELS: Record<ReviewOutcome, string> = { improved: '有进步', same: '无明显变化', worse: '有退步' };

export const COUNSELLOR_LABELS: Record<CounsellorRole, string> = { class_teacher: '班主任', subject_teacher: '任课教师', counsellor: '心理辅导老师' };

export const FOCUS_LABELS: Record<CounsellingFocus, string> = { behaviour: '品德行为偏差', emotion: '情绪/心理困扰', both: '行为与情绪' };

export const PARTICIPANT_LABELS: Record<ParticipantKind, string> = {
  mentor: '帮扶教师',
  teacher: '教师',
  child: '留守儿童',
  guardian: '监护人',
  proxy: '委托监护人/代理家长',
};

export const moodLabel = (mood: number) => MOOD_SCALE.find((m) => m.value === mood)?.label ?? '';
