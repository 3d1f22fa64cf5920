/**
 * 提醒设置：我会收到哪些微信提醒，每种还剩几次（一次性订阅：每点一次“允许”可收到一条），
 * “再次订阅”按钮（wx.requestSubscribeMessage，结果上报服务器），免打扰时段，以及最近的提醒送达情况。
 * 首屏一次 reminders.mine 调用。不论是否订阅，提醒都会进消息中心。
 */
import type { MyReminders, TemplateSubscriptionView } from '../../../../../typings/actions/reminders';
import { call, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { roleLabel } from '../../../../services/roles';
import { rememberTemplates, requestSubscribe } from '../../../../services/subscribe';
import { beijingLabel } from '../../../../services/time';
import { PAGES } from '../../../../services/routes';

type State = 'loading' | 'error' | 'ready';

interface TemplateRow extends TemplateSubscriptionView {
  remainingLabel: string;
  buttonLabel: string;
}

function remainingLabel(t: TemplateSubscriptionView): string {
  if (!t.templateId) return '仅在消息中心提醒';
  if (t.banned) return '您已拒收此类提醒';
  if (t.longTerm) return t.remaining > 0 ? '已长期订阅' : '未订阅';
  return t.remaining > 0 ? `剩余 ${t.remaining} 次` : '未订阅';
}

function view(mine: MyReminders) {
  const now = new Date();
  return {
    templates: mine.templates.map((t): TemplateRow => ({
      ...t,
      remainingLabel: remainingLabel(t),
      buttonLabel: t.remaining > 0 && !t.longTerm ? '再次订阅' : '订阅',
    })),
    // 22:00-07:00 runs past midnight: say 次日 so nobody reads it as a daytime window.
    quietHours: mine.quietHours.map((q) => ({
      key: q.role,
      label: `${roleLabel(q.role)}：${q.start}–${q.start > q.end ? '次日 ' : ''}${q.end}`,
    })),
    recent: mine.recent.map((r) => ({ ...r, time: beijingLabel(r.at, now) })),
    subscriptionUse: mine.subscriptionUse,
  };
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    templates: [] as TemplateRow[],
    quietHours: [] as { key: string; label: string }[],
    recent: [] as unknown[],
    subscriptionUse: { kinds: [], note: '' } as MyReminders['subscriptionUse'],
    asking: false,
  },

  methods: {
    onLoad() {
      this.load();
    },

    load() {
      return loadScreen(this, async () => {
        const mine = await call('reminders.mine', {});
        rememberTemplates(mine);
        this.setData({ state: 'ready', ...view(mine) });
      });
    },

    onRetry() {
      this.load();
    },

    /** 订阅 / 再次订阅: ask WeChat right in the tap, then report what the user chose. */
    async onSubscribe(e: WechatMiniprogram.CustomEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      if (!id || this.data.asking) return;
      this.setData({ asking: true });
      try {
        const result = await requestSubscribe([id]);
        if (result.ok) {
          this.setData(view(result.mine));
          wx.showToast({ title: result.accepted ? '已订阅，可收到一次提醒' : '未订阅，提醒仍会进消息中心', icon: 'none' });
        } else if (result.reason === 'refused') {
          wx.showToast({ title: '未能订阅：请在小程序设置中打开“订阅消息”', icon: 'none' });
        }
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ asking: false });
      }
    },

    onOpenInbox() {
      wx.navigateTo({ url: PAGES.inbox });
    },
  },
});
