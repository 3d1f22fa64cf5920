/**
 * 贺卡与作品审核（老师）：本班等待审核的生日贺卡和爱心天地作品，最早的在前；微信内容检查提示要人工看一看的标出来。
 * 通过后孩子、家长（作品：全班）就能看到；不通过只有写的人看得到，可以重新写。上面的开关决定学生的每张贺卡、
 * 每件作品是否都先由老师看过。首屏一次 wishes.queue 调用（班主任的班，或 ?classId=）。
 */
import type { Decision, QueueOutput } from '../../../../../typings/actions/birthdays';
import { call, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { instanceState } from '../../../../services/instance';
import { beijingDateTime, dayLabel } from '../../../../services/time';
import { WORK_KINDS } from '../../../../generated/wish-labels';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

const own = instanceState(() => ({ classId: '' }));

function view(q: QueueOutput) {
  return {
    className: q.className,
    approvalRequired: q.approvalRequired,
    cards: q.cards.map((c) => ({
      id: c.id,
      design: c.design,
      text: c.text,
      from: c.fromLabel,
      flagged: c.flagged,
      note: `给 ${c.childName} · ${dayLabel(c.occurrence)}的生日 · ${beijingDateTime(c.sentAt)}`,
    })),
    works: q.works.map((w) => ({
      id: w.id,
      kind: WORK_KINDS[w.kind],
      title: w.title,
      text: w.text,
      flagged: w.flagged,
      note: `${w.authorLabel} · ${beijingDateTime(w.postedAt)}`,
    })),
  };
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    ...view({ classId: '', className: '', approvalRequired: false, cards: [], works: [] }),
    busy: '',
    switching: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).classId = query.classId ?? '';
      this.load();
    },

    load(refresh = false) {
      return loadScreen(
        this,
        async (screen) => {
          const q = await call('wishes.queue', own(this).classId ? { classId: own(this).classId } : {});
          if (!screen.current()) return;
          own(this).classId = q.classId;
          this.setData({ state: 'ready', ...view(q) });
        },
        { refresh },
      );
    },

    onRetry() {
      this.load();
    },

    async decide(kind: 'card' | 'work', id: string, decision: Decision) {
      if (this.data.busy) return;
      this.setData({ busy: id });
      try {
        if (kind === 'card') await call('wishes.review', { wishId: id, decision });
        else await call('corner.review', { workId: id, decision });
        wx.showToast({ title: decision === 'approve' ? '已通过' : '已不通过', icon: 'none' });
        await this.load(true);
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ busy: '' });
      }
    },

    onCard(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; decision: Decision }>) {
      return this.decide('card', e.currentTarget.dataset.id, e.currentTarget.dataset.decision);
    },

    onWork(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; decision: Decision }>) {
      return this.decide('work', e.currentTarget.dataset.id, e.currentTarget.dataset.decision);
    },

    async onApproval(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const on = e.detail.value === true;
      if (this.data.switching) return;
      this.setData({ approvalRequired: on, switching: true });
      try {
        await call('wishes.settings', { classId: own(this).classId, approvalRequired: on });
        wx.showToast({ title: on ? '学生的贺卡和作品先由您看过' : '通过内容检查的马上展示', icon: 'none' });
      } catch (err) {
        this.setData({ approvalRequired: !on });
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ switching: false });
      }
    },
  },
});
