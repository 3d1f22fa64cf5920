/**
 * 邀请小程序码 (teacher, admin): the invite just made, as a mini-program code to show or send: scanning it opens
 * 绑定身份 with the code filled in; 发给微信好友 shares the same page with the code. ?inviteId=&code=&label=
 * (from 人员与邀请, right after the invite was made: the code is shown once and never stored).
 */
import { call } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { PAGES } from '../../../../services/routes';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

const own = instanceState(() => ({ inviteId: '', code: '' }));

Component({
  data: { state: 'loading' as State, errorMessage: '', image: '', code: '', label: '' },

  methods: {
    onLoad(query: { inviteId?: string; code?: string; label?: string }) {
      own(this).inviteId = query.inviteId ?? '';
      own(this).code = query.code ?? '';
      this.setData({ code: own(this).code, label: query.label ? decodeURIComponent(query.label) : '' });
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const res = await call('invites.qrcode', { inviteId: own(this).inviteId, code: own(this).code });
        if (screen.current()) this.setData({ state: 'ready', image: `data:image/png;base64,${res.image}` });
      });
    },

    onRetry() {
      this.load();
    },

    onShareAppMessage() {
      return { title: `邀请您加入“关爱室”：${this.data.label || '孩子的老师邀请您'}`, path: `${PAGES.bind}?code=${encodeURIComponent(own(this).code)}` };
    },
  },
});
