/**
 * <work-item>: one work of the class corner (爱心宣言, 爱心牌图, 宣传栏): its kind, title, words, who made it and when,
 * 展示作品 when the teacher picked it, its state for its maker. A teacher's 设为展示 / 取消展示 emits `feature`
 * { id, featured }.
 */
import type { CornerWorkView, WorkKind } from '../../../../../typings/actions/birthdays';
import { STATUS_LABELS, WORK_KINDS } from '../../../../generated/wish-labels';
import { beijingDateTime } from '../../../../services/time';
import props from './props';

Component({
  properties: props,

  data: { kindLabel: '', posted: '', statusLabel: '' },

  observers: {
    work(work: CornerWorkView | null) {
      if (!work) return;
      this.setData({
        kindLabel: WORK_KINDS[work.kind as WorkKind] ?? '',
        posted: beijingDateTime(work.postedAt),
        statusLabel: work.mine && work.status !== 'approved' ? STATUS_LABELS[work.status] : '',
      });
    },
  },

  methods: {
    onFeature() {
      const work = this.data.work as CornerWorkView | null;
      if (work && !this.data.busy) this.triggerEvent('feature', { id: work.id, featured: !work.featured });
    },
  },
});
