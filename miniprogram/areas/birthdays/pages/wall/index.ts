/**
 * 贺卡墙：一个孩子收到的生日贺卡（老师看过、已送达的），按每次生日排列，最新的在前。
 *   家长、监护人：孩子收到了 N 张生日贺卡；可以关闭同学的生日提醒（关闭后只提醒老师）。
 *   过生日的孩子本人、班级共用账号：名字不带姓。
 *   老师：还有几张等待审核（去审核），可以撤下一张贺卡。
 * 首屏一次 wishes.wall 调用。
 */
import type { WallOutput } from '../../../../../typings/actions/birthdays';
import { call, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { instanceState } from '../../../../services/instance';
import { pageUrl } from '../../../../services/routes';
import { beijingDateTime } from '../../../../services/time';
import { birthdayLine, monthDayLabel } from '../../services/days';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

const own = instanceState(() => ({ childId: '', classId: '' }));

function titleOf(w: WallOutput): string {
  if (w.viewer === 'child') return '我收到的生日贺卡';
  return `${w.child.name}${w.viewer === 'class' ? '的生日贺卡' : '收到的生日贺卡'}`;
}

function summaryOf(w: WallOutput): string {
  if (!w.count) return '还没有贺卡。生日前后，同学和老师会送来祝福。';
  return `${w.viewer === 'child' ? '你' : w.viewer === 'family' ? '孩子' : w.child.name}收到了 ${w.count} 张生日贺卡`;
}

function view(w: WallOutput) {
  return {
    title: titleOf(w),
    className: w.child.className,
    summary: summaryOf(w),
    line: w.birthday ? birthdayLine(w.birthday) : '',
    viewer: w.viewer,
    waiting: w.waiting,
    classmates: w.classmates === true,
    groups: w.groups.map((g) => ({
      key: `${g.year}-${g.monthDay}`,
      title: `${g.year}年${monthDayLabel(g.monthDay)}的生日`,
      cards: g.cards.map((c) => ({ ...c, note: beijingDateTime(c.sentAt) })),
    })),
  };
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    title: '',
    className: '',
    summary: '',
    line: '',
    viewer: 'family' as WallOutput['viewer'],
    waiting: 0,
    classmates: true,
    switching: false,
    groups: [] as ReturnType<typeof view>['groups'],
    confirm: { visible: false, busy: false, id: '' },
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).childId = query.childId ?? '';
      this.load();
    },

    /** Back from the composer or the queue: the new or approved card shows. */
    onShow() {
      if (this.data.state === 'ready') this.load(true);
    },

    load(refresh = false) {
      return loadScreen(
        this,
        async (screen) => {
          const wall = await call('wishes.wall', { childId: own(this).childId });
          if (!screen.current()) return;
          own(this).classId = wall.child.classId;
          this.setData({ state: 'ready', ...view(wall) });
        },
        { refresh },
      );
    },

    onRetry() {
      this.load();
    },

    async onClassmates(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const classmates = e.detail.value === true;
      if (this.data.switching) return;
      this.setData({ classmates, switching: true });
      try {
        await call('birthdays.family', { childId: own(this).childId, classmates });
        wx.showToast({ title: classmates ? '同学和好朋友会收到生日提醒' : '只提醒老师，不再提醒同学', icon: 'none' });
      } catch (err) {
        this.setData({ classmates: !classmates });
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ switching: false });
      }
    },

    onCorner() {
      wx.navigateTo({ url: pageUrl('corner', { childId: own(this).childId }) });
    },

    onCompose() {
      wx.navigateTo({ url: pageUrl('compose', { childId: own(this).childId }) });
    },

    onQueue() {
      wx.navigateTo({ url: pageUrl('moderation', { classId: own(this).classId }) });
    },

    onTakeDown(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      this.setData({ confirm: { visible: true, busy: false, id: e.currentTarget.dataset.id } });
    },

    onConfirmCancel() {
      this.setData({ 'confirm.visible': false });
    },

    async onConfirmOk() {
      this.setData({ 'confirm.busy': true });
      try {
        await call('wishes.review', { wishId: this.data.confirm.id, decision: 'reject' });
        this.setData({ confirm: { visible: false, busy: false, id: '' } });
        wx.showToast({ title: '已撤下这张贺卡', icon: 'none' });
        await this.load(true);
      } catch (err) {
        this.setData({ 'confirm.busy': false });
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      }
    },
  },
});
