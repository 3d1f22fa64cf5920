/**
 * 给家长看的成绩 (teacher): the exams of a child's progress archive (进步档案); switched on, an exam shows on the
 * family's home. ?childId=. First screen: parent.shareStudy without a change.
 */
import type { StudyShareRow } from '../../../../../typings/actions/growth';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { dayLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
const rows = (exams: StudyShareRow[]) => exams.map((e) => ({ ...e, day: dayLabel(e.date) }));
const own = instanceState(() => ({ childId: '' }));

Component({
  data: { state: 'loading' as State, errorMessage: '', childName: '', exams: [] as ReturnType<typeof rows>, message: '' },

  methods: {
    onLoad(query: { childId?: string }) {
      own(this).childId = query.childId ?? '';
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const res = await call('parent.shareStudy', { childId: own(this).childId });
        if (screen.current()) this.setData({ state: 'ready', childName: res.childName, exams: rows(res.exams) });
      });
    },

    onRetry() {
      this.load();
    },

    async onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }, Record<string, never>, { index: number }>) {
      const exam = this.data.exams[Number(e.currentTarget.dataset.index)];
      try {
        const res = await call('parent.shareStudy', { childId: own(this).childId, change: { exam: exam.exam, date: exam.date, shared: e.detail.value } });
        this.setData({ exams: rows(res.exams), message: e.detail.value ? '家长能看到这次成绩了' : '家长不再看到这次成绩' });
      } catch (err) {
        this.setData({ message: errorMessage(err) });
      }
    },
  },
});
