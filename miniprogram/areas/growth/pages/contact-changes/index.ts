/**
 * 家长改联系方式 (class teacher): the changes families asked for on their own contact-card entries, waiting ones
 * first; 确认 writes the card (its history names both), 不采纳 keeps it. First screen: contactChanges.list.
 */
import type { ContactChangeView } from '../../../../../typings/actions/growth';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
const STATUS = { pending: '待确认', accepted: '已确认', declined: '未采纳' };

const rows = (changes: ContactChangeView[]) =>
  changes.map((c) => ({
    ...c,
    statusLabel: STATUS[c.status],
    when: beijingDateTime(c.proposedAt),
    lines: c.changes.map((x) => `${x.label}：${x.from ?? '（空）'} → ${x.to ?? '（空）'}`),
  }));

const own = instanceState(() => ({ classId: '' }));

Component({
  data: { state: 'loading' as State, errorMessage: '', className: '', changes: [] as ReturnType<typeof rows>, busy: '', message: '' },

  methods: {
    onLoad(query: { classId?: string }) {
      own(this).classId = query.classId ?? '';
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const res = await call('contactChanges.list', own(this).classId ? { classId: own(this).classId } : {});
        if (screen.current()) this.setData({ state: 'ready', className: res.schoolClass.name, changes: rows(res.changes) });
      });
    },

    onRetry() {
      this.load();
    },

    async decide(id: string, accept: boolean) {
      this.setData({ busy: id, message: '' });
      try {
        const done = await call('contactChanges.decide', { changeId: id, accept });
        this.setData({
          busy: '',
          changes: this.data.changes.map((c) => (c.id === id ? rows([done])[0] : c)),
          message: accept ? '联系卡已更新' : '已告知不采纳',
        });
      } catch (err) {
        this.setData({ busy: '', message: errorMessage(err) });
      }
    },

    onAccept(e: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      this.decide(e.currentTarget.dataset.id, true);
    },

    onDecline(e: WechatMiniprogram.CustomEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      this.decide(e.currentTarget.dataset.id, false);
    },
  },
});
