/**
 * 我的联系方式 (parent, guardian): their own entry on the child's contact card (联系卡); a change is sent to the class
 * teacher, who confirms it before the card changes. First screen: parent.home (?childId=), which carries the entries
 * and the changes still waiting.
 */
import type { OwnContactEntry } from '../../../../../typings/actions/growth';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Field = 'phone' | 'workCity' | 'workUnit' | 'workAddress' | 'address';

const FIELDS: Record<'parent' | 'guardian', { key: Field; label: string; placeholder: string }[]> = {
  parent: [
    { key: 'phone', label: '手机号', placeholder: '11 位手机号' },
    { key: 'workCity', label: '务工城市', placeholder: '如 广东东莞' },
    { key: 'workUnit', label: '务工单位', placeholder: '工厂或公司名称' },
    { key: 'workAddress', label: '务工地址', placeholder: '单位所在地址' },
  ],
  guardian: [
    { key: 'phone', label: '手机号', placeholder: '11 位手机号' },
    { key: 'address', label: '家庭住址', placeholder: '如 青山村五组' },
  ],
};

const own = instanceState(() => ({ childId: '', entries: [] as OwnContactEntry[] }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    childName: '',
    hasCard: true,
    entryOptions: [] as { label: string; value: string }[],
    entry: '',
    fields: [] as { key: Field; label: string; placeholder: string; value: string }[],
    pending: [] as { id: string; text: string }[],
    sending: false,
    message: '',
  },

  methods: {
    onLoad(query: { childId?: string }) {
      own(this).childId = query.childId ?? '';
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const home = await call('parent.home', own(this).childId ? { childId: own(this).childId } : {});
        if (!screen.current()) return;
        own(this).childId = home.child.id;
        own(this).entries = home.contact?.entries ?? [];
        const first = own(this).entries[0];
        this.setData({
          state: 'ready',
          childName: home.child.name,
          hasCard: !!home.contact,
          entryOptions: own(this).entries.map((e) => ({ label: e.label, value: String(e.entry) })),
          pending: (home.contact?.pending ?? []).map((p) => ({
            id: p.id,
            text: `${p.entryLabel}：${p.changes.map((c) => `${c.label}改为 ${c.to ?? '（空）'}`).join('，')}`,
          })),
        });
        if (first) this.pick(String(first.entry));
      });
    },

    pick(entry: string) {
      const e = own(this).entries.find((x) => String(x.entry) === entry);
      if (!e) return;
      const kind = e.entry === 'guardian' ? 'guardian' : 'parent';
      this.setData({ entry, fields: FIELDS[kind].map((f) => ({ ...f, value: e[f.key] ?? '' })), message: '' });
    },

    onRetry() {
      this.load();
    },

    onEntry(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.pick(e.detail.value);
    },

    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number }>) {
      this.setData({ [`fields[${e.currentTarget.dataset.index}].value`]: e.detail.value });
    },

    async onSubmit() {
      const e = own(this).entries.find((x) => String(x.entry) === this.data.entry);
      if (!e) return;
      const changes: Partial<Record<Field, string | null>> = {};
      for (const f of this.data.fields) if ((e[f.key] ?? '') !== f.value.trim()) changes[f.key] = f.value.trim() || null;
      if (!Object.keys(changes).length) return this.setData({ message: '没有改动' });
      this.setData({ sending: true, message: '' });
      try {
        const change = await call('contactChanges.propose', { childId: own(this).childId, entry: e.entry, changes });
        this.setData({ sending: false, message: '已发给班主任，确认后联系卡会更新', pending: [{ id: change.id, text: '您刚提交的修改正在等班主任确认' }] });
      } catch (err) {
        this.setData({ sending: false, message: errorMessage(err) });
      }
    },
  },
});
