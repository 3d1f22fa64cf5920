/**
 * 消息中心：我收到的所有提醒（最新在前），未读数，点一条标为已读并打开它指向的页面，全部已读，加载更多。
 * 首屏一次 inbox.list 调用。每条提醒都会进消息中心，不论是否订阅了微信提醒。
 */
import type { InboxItem } from '../../../typings/actions/reminders';
import { call, errorMessage } from '../../services/api';
import { loadScreen } from '../../services/screen';
import { beijingLabel } from '../../services/time';
import { linkUrl, PAGES } from '../../services/routes';

type State = 'loading' | 'error' | 'ready';

interface Row extends InboxItem {
  time: string;
}

const PAGE_SIZE = 20;

function rows(items: InboxItem[]): Row[] {
  const now = new Date();
  return items.map((i) => ({ ...i, time: beijingLabel(i.at, now) }));
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    items: [] as Row[],
    unread: 0,
    next: null as string | null,
    loadingMore: false,
  },

  methods: {
    onLoad() {
      this.load();
    },

    onPullDownRefresh() {
      this.load({ refresh: true }).then(() => wx.stopPullDownRefresh());
    },

    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          const page = await call('inbox.list', { limit: PAGE_SIZE });
          if (screen.current()) this.setData({ state: 'ready', items: rows(page.items), unread: page.unread, next: page.next });
        },
        options,
      );
    },

    onRetry() {
      this.load();
    },

    async onMore() {
      if (!this.data.next || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const page = await call('inbox.list', { limit: PAGE_SIZE, after: this.data.next });
        this.setData({ items: [...this.data.items, ...rows(page.items)], unread: page.unread, next: page.next });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },

    /** Tap a message: mark it read (the list updates at once) and open its page. */
    onOpen(e: WechatMiniprogram.CustomEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { index: number }>) {
      const item = this.data.items[Number(e.currentTarget.dataset.index)];
      if (!item) return;
      if (!item.read) {
        this.setData({ [`items[${e.currentTarget.dataset.index}].read`]: true, unread: Math.max(0, this.data.unread - 1) });
        call('inbox.read', { ids: [item.id] })
          .then((r) => this.setData({ unread: r.unread }))
          .catch(() => {
            // Still unread on the server: the next load shows it so; the message itself was opened.
          });
      }
      if (item.page) {
        wx.navigateTo({ url: linkUrl(item.page), fail: () => wx.showToast({ title: '该页面暂未开放', icon: 'none' }) });
      }
    },

    async onReadAll() {
      try {
        const r = await call('inbox.read', { all: true });
        this.setData({ items: this.data.items.map((i) => ({ ...i, read: true })), unread: r.unread });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      }
    },

    onSettings() {
      wx.navigateTo({ url: PAGES.reminders });
    },
  },
});
