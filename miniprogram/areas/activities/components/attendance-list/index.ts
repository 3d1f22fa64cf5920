/**
 * <attendance-list>: everyone invited, each with 出席 / 缺席 / 请假 to tap (点名 at an activity, 签到 at a meeting).
 * Emits `mark` { id, status } for the tap; the page keeps the marks and saves them in one call.
 */
import { ATTENDANCE_LABELS } from '../../../../generated/activity-labels';
import props from './props';

const CHOICES = Object.entries(ATTENDANCE_LABELS).map(([value, label]) => ({ value, label }));

Component({
  properties: props,

  data: { choices: CHOICES },

  methods: {
    onMark(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; status: string }>) {
      if (!this.data.editable) return;
      this.triggerEvent('mark', { id: e.currentTarget.dataset.id, status: e.currentTarget.dataset.status });
    },
  },
});
