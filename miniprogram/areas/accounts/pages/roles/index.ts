/**
 * 我的身份：我持有的所有身份（whoami，首屏一次调用），选一个作为当前身份（存在本机，首页按它显示功能），
 * 或回到“全部身份”；另可去绑定新的邀请码。选好后回到首页。
 */
import type { Role } from '../../../../../typings/roles';
import type { BindingView } from '../../../../../typings/actions/system';
import { call } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { ROLE_ORDER, roleLabel } from '../../../../services/roles';
import { activeBinding, setActiveBindingId } from '../../../../services/session';
import { PAGES } from '../../../../services/routes';

type State = 'loading' | 'error' | 'unbound' | 'ready';

interface Row {
  id: string;
  role: Role;
  roleLabel: string;
  label: string;
  active: boolean;
}

function rows(bindings: BindingView[], activeId: string): Row[] {
  return [...bindings]
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
    .map((b) => ({ id: b.id, role: b.role, roleLabel: roleLabel(b.role), label: b.label || roleLabel(b.role), active: b.id === activeId }));
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    rows: [] as Row[],
    activeId: '',
    current: '',
  },

  methods: {
    onLoad() {
      this.load();
    },

    load() {
      return loadScreen(this, async () => {
        const me = await call('whoami', {});
        const active = activeBinding(me.bindings);
        const activeId = active?.id ?? '';
        this.setData({
          state: me.bindings.length ? 'ready' : 'unbound',
          rows: rows(me.bindings, activeId),
          activeId,
          current: active ? `${roleLabel(active.role)} · ${active.label}` : '全部身份',
        });
      });
    },

    onRetry() {
      this.load();
    },

    onPick(e: WechatMiniprogram.CustomEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { id: string }>) {
      const row = this.data.rows.find((r) => r.id === e.currentTarget.dataset.id);
      if (!row) return;
      this.choose(row.id, `已切换为：${row.label}`);
    },

    onPickAll() {
      this.choose('', '已显示全部身份');
    },

    choose(id: string, message: string) {
      setActiveBindingId(id || null);
      const active = this.data.rows.find((r) => r.id === id);
      this.setData({
        activeId: id,
        rows: this.data.rows.map((r) => ({ ...r, active: r.id === id })),
        current: active ? `${active.roleLabel} · ${active.label}` : '全部身份',
      });
      wx.showToast({ title: message, icon: 'none' });
      wx.reLaunch({ url: PAGES.home });
    },

    onBind() {
      wx.navigateTo({ url: PAGES.bind });
    },
  },
});
