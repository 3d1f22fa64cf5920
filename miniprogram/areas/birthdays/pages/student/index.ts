/**
 * 生日祝福（学生首页）：我的手拉手好朋友和他的生日、班里最近过生日的同学（写贺卡）、我送出的贺卡、爱心天地、
 * 同学生日提醒的开关；自己的贺卡墙（本人账号）。首屏一次 birthdays.home 调用；同学只以名字（不带姓）和班级出现。
 * 从写贺卡页回来时刷新（刚送出的贺卡）。
 */
import type { StudentHome } from '../../../../../typings/actions/birthdays';
import { call, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { STATUS_LABELS } from '../../../../generated/wish-labels';
import { birthdayLine, monthDayLabel } from '../../services/days';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

interface Row {
  childId: string;
  name: string;
  line: string;
  buddy: boolean;
  /** send: 写贺卡; sent: 已送出; later: 生日前一周可写 */
  action: 'send' | 'sent' | 'later';
}

function view(home: StudentHome) {
  return {
    title: home.shared ? `${home.className} 全班同学` : `${home.givenName ?? '同学'}，你好`,
    className: home.className,
    classId: home.classId,
    childId: home.childId ?? '',
    shared: home.shared,
    buddies: home.buddies.map((b) => ({
      childId: b.childId,
      name: b.givenName,
      className: b.className,
      line: b.birthday ? birthdayLine(b.birthday) : '',
    })),
    upcoming: home.upcoming.map((u): Row => ({
      childId: u.childId,
      name: u.givenName,
      line: birthdayLine(u.birthday),
      buddy: u.buddy,
      action: u.sent ? 'sent' : u.canSend ? 'send' : 'later',
    })),
    sent: home.sent.map((c) => ({
      id: c.id,
      design: c.design,
      text: c.text,
      note: `给${c.toName} · ${monthDayLabel(c.monthDay)}生日 · ${STATUS_LABELS[c.status]}`,
    })),
    featured: home.corner.featured.map((w) => ({ id: w.id, title: w.title, author: w.authorLabel })),
    cornerTotal: home.corner.total,
    optIn: home.optIn,
    myCards: home.myCards ?? 0,
  };
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    ...view({
      classId: '',
      className: '',
      childId: null,
      givenName: null,
      shared: false,
      buddies: [],
      upcoming: [],
      sent: [],
      corner: { featured: [], total: 0 },
      optIn: false,
      myCards: null,
    }),
    optInBusy: false,
  },

  methods: {
    onLoad() {
      this.load();
    },

    /** Back from the composer: the card just sent shows as sent. */
    onShow() {
      if (this.data.state === 'ready') this.load(true);
    },

    load(refresh = false) {
      return loadScreen(
        this,
        async (screen) => {
          const home = await call('birthdays.home', {});
          if (screen.current()) this.setData({ state: 'ready', ...view(home) });
        },
        { refresh },
      );
    },

    onRetry() {
      this.load();
    },

    onCompose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { childId: string }>) {
      wx.navigateTo({ url: pageUrl('compose', { childId: e.currentTarget.dataset.childId }) });
    },

    onMyWall() {
      wx.navigateTo({ url: pageUrl('wall', { childId: this.data.childId }) });
    },

    onCorner() {
      wx.navigateTo({ url: pageUrl('corner', { classId: this.data.classId }) });
    },

    async onOptIn(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const on = e.detail.value === true;
      if (this.data.optInBusy) return;
      this.setData({ optIn: on, optInBusy: true });
      try {
        await call('birthdays.optIn', { on });
        wx.showToast({ title: on ? '同学过生日前一天会提醒你' : '已关闭同学生日提醒', icon: 'none' });
      } catch (err) {
        this.setData({ optIn: !on });
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ optInBusy: false });
      }
    },
  },
});
