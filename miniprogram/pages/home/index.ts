/**
 * 首页：按身份展示入口。首屏一次 whoami 调用：
 *   正在加载 → 出错（中文提示 + 重试）| 还没有身份（去绑定）| 我的身份 + 各身份的功能入口。
 * whoami 带回未读消息数，消息中心入口上显示未读角标；从别的页面回到首页时只刷新未读数。
 * 本地模拟器下（whoami.local）另有演示身份切换，切换后重新加载。
 */
import type { Role } from '../../../typings/roles';
import type { BindingView } from '../../../typings/actions/system';
import { call } from '../../services/api';
import { instanceState } from '../../services/instance';
import { loadScreen } from '../../services/screen';
import { setLocalOpenid } from '../../services/transport';
import { privacyReady } from '../../services/privacy';
import { ROLE_LABELS } from '../../services/roles';
import { PAGES } from '../../services/routes';
import { sections, type Section } from './tiles';
import { DEMO_IDENTITIES } from '../../config';

type State = 'loading' | 'error' | 'unbound' | 'ready';

interface BindingRow {
  id: string;
  role: Role;
  roleLabel: string;
  scope: string;
}

function bindingRows(bindings: BindingView[]): BindingRow[] {
  return bindings.map((b) => ({
    id: b.id,
    role: b.role,
    roleLabel: ROLE_LABELS[b.role] ?? b.role,
    scope: b.label || ROLE_LABELS[b.role] || b.role,
  }));
}

/** The bindings of the last whoami, to rebuild the tiles when a new unread count arrives. */
const own = instanceState(() => ({ bindings: null as BindingView[] | null }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    greeting: '',
    bindings: [] as BindingRow[],
    sections: [] as Section[],
    unread: 0,
    local: false,
    openid: '',
    identityOptions: DEMO_IDENTITIES.map((i) => ({ label: i.label, value: i.openid })),
  },

  methods: {
    onLoad() {
      this.load();
    },

    /** Back from another page (消息中心 above all): refresh the unread count only. */
    onShow() {
      if (this.data.state === 'ready') this.loadUnread();
    },

    load() {
      return loadScreen(this, async (screen) => {
        await privacyReady();
        const me = await call('whoami', {});
        if (!screen.current()) return;
        own(this).bindings = me.bindings;
        this.setData({
          state: me.bindings.length ? 'ready' : 'unbound',
          greeting: me.nickname ? `${me.nickname}，您好` : '您好',
          bindings: bindingRows(me.bindings),
          sections: sections(me.bindings, me.unread),
          unread: me.unread,
          local: me.local,
          openid: me.openid,
        });
      });
    },

    /** Back on home: the unread count may have changed (messages read, new ones due). A failure keeps the old badge. */
    async loadUnread() {
      const shown = own(this).bindings;
      let unread: number;
      try {
        unread = (await call('inbox.list', { limit: 1 })).unread;
      } catch {
        return;
      }
      // a reload since (another identity picked) has its own count
      if (!shown || own(this).bindings !== shown || unread === this.data.unread) return;
      this.setData({ unread, sections: sections(shown, unread) });
    },

    onRetry() {
      this.load();
    },

    onBind() {
      wx.navigateTo({ url: PAGES.bind });
    },

    onEntry(e: WechatMiniprogram.CustomEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { url: string; ready: boolean }>) {
      const { url, ready } = e.currentTarget.dataset;
      if (!ready) {
        wx.showToast({ title: '即将开放', icon: 'none' });
        return;
      }
      wx.navigateTo({ url });
    },

    onIdentityChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const openid = e.detail.value;
      if (!openid || openid === this.data.openid) return;
      setLocalOpenid(openid);
      this.load();
    },
  },
});
