/**
 * 添加结对：帮扶教师（本校教师，结对后可查看和编辑该儿童档案）、手拉手好朋友（同班同学）、
 * 代理家长 / 爱心妈妈 / 临时爸爸。首屏一次 care.candidates 调用。
 */
import type { PairInput } from '../../../../../typings/actions/archive';
import type { ProxyKind } from '../../../../../typings/domain';
import { call, CallError, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { PROXY_LABELS, options } from '../../services/labels';
import { dateError, phoneError, requiredError } from '../../services/archive-form';
import { beijingToday } from '../../../../services/time';

type State = 'loading' | 'error' | 'ready' | 'saved';
type Kind = 'mentor' | 'buddy' | 'proxy';

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    childId: '',
    kind: 'mentor' as Kind,
    teacherOptions: [] as { label: string; value: string }[],
    pupilOptions: [] as { label: string; value: string }[],
    proxyOptions: options(PROXY_LABELS),
    teacherBindingId: '',
    buddyChildId: '',
    proxyKind: 'caring_mother' as ProxyKind,
    name: '',
    phone: '',
    startDate: '',
    /** a pairing starts today or earlier */
    today: beijingToday(),
    note: '',
    errors: {} as Record<string, string>,
    saving: false,
    saveError: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ childId: query.childId ?? '', kind: (query.kind as Kind) || 'mentor' });
      this.load();
    },

    load() {
      return loadScreen(this, async () => {
        const c = await call('care.candidates', { childId: this.data.childId });
        this.setData({
          state: 'ready',
          teacherOptions: c.teachers.map((t) => ({ label: t.nickname ? `${t.nickname}（${t.label}）` : t.label, value: t.bindingId })),
          pupilOptions: c.pupils.map((p) => ({ label: p.leftBehind ? `${p.name}（留守）` : p.name, value: p.childId })),
        });
      });
    },

    onRetry() {
      this.load();
    },

    onKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { kind: Kind }>) {
      this.setData({ kind: e.currentTarget.dataset.kind, errors: {}, saveError: '' });
    },

    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>) {
      const field = e.currentTarget.dataset.field;
      const errors = { ...this.data.errors };
      delete errors[field];
      this.setData({ [field]: e.detail.value, errors, saveError: '' });
    },

    check(): Record<string, string> {
      const d = this.data;
      const e: Record<string, string> = {};
      if (d.kind === 'mentor') {
        if (!d.teacherBindingId) e.teacherBindingId = '请选择帮扶教师';
        e.name = requiredError(d.name, '帮扶教师姓名');
      } else if (d.kind === 'buddy') {
        if (!d.buddyChildId) e.buddyChildId = '请选择一名同学';
      } else {
        e.name = requiredError(d.name, '姓名');
        e.phone = phoneError(d.phone, '电话', true);
      }
      e.startDate = dateError(d.startDate, '开始日期', false);
      return Object.fromEntries(Object.entries(e).filter(([, v]) => v));
    },

    async onSave() {
      if (this.data.saving) return;
      const errors = this.check();
      if (Object.keys(errors).length) {
        this.setData({ errors });
        return;
      }
      const d = this.data;
      const common = {
        childId: d.childId,
        ...(d.startDate ? { startDate: d.startDate } : {}),
        ...(d.note.trim() ? { note: d.note.trim() } : {}),
      };
      const input: PairInput =
        d.kind === 'mentor'
          ? { ...common, kind: 'mentor', teacherBindingId: d.teacherBindingId, name: d.name.trim() }
          : d.kind === 'buddy'
            ? { ...common, kind: 'buddy', buddyChildId: d.buddyChildId }
            : { ...common, kind: 'proxy', proxyKind: d.proxyKind, name: d.name.trim(), phone: d.phone.trim() };
      this.setData({ saving: true, saveError: '' });
      try {
        await call('care.pair', input);
        this.setData({ state: 'saved' });
        wx.showToast({ title: '已结对', icon: 'success' });
        wx.navigateBack({ delta: 1 });
      } catch (err) {
        const details = err instanceof CallError ? err.details : undefined;
        this.setData({ saveError: errorMessage(err), errors: Object.fromEntries((details ?? []).map((x) => [x.path, x.message])) });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
