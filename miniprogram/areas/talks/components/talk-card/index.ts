/**
 * <talk-card>: one talk record card as written (谈心记录卡), to read: who talked where and when, the child's mood and
 * topics, what the child said, the concerns, the actions agreed and how last month's went, and the family summary.
 * Emits `plan` when the concerns call for a plan not made yet, `alert` to open the urgent alert.
 */
import type { TalkView } from '../../../../../typings/actions/talks';
import { dayLabel } from '../../../../services/time';
import props from './props';

Component({
  properties: props,

  data: {
    dateText: '',
    topicsText: '',
    actions: [] as { id: string; text: string; meta: string; statusLabel: string; done: boolean }[],
    planText: '',
  },

  observers: {
    talk(t: TalkView | null) {
      if (!t) return;
      const req = t.planRequirement;
      this.setData({
        dateText: dayLabel(t.date, { year: 'auto' }),
        topicsText: t.topicLabels.join('、'),
        actions: t.actions.map((a) => ({
          id: a.id,
          text: a.text,
          meta: `${a.owner} · ${dayLabel(a.dueDate)}前${a.followedUpOn ? ` · ${dayLabel(a.followedUpOn)}跟进${a.followUpNote ? `：${a.followUpNote}` : ''}` : ''}`,
          statusLabel: a.statusLabel,
          done: a.status !== 'open',
        })),
        planText: req ? (req.met ? '已制定个别教育管理方案' : `需在${dayLabel(req.dueDate)}前制定个别教育管理方案`) : '',
      });
    },
  },

  methods: {
    onPlan() {
      this.triggerEvent('plan', {});
    },
    onAlert() {
      this.triggerEvent('alert', { alertId: (this.data.talk as TalkView).alertId });
    },
  },
});
