/**
 * 孩子的荣誉（?childId=）：获得的荣誉（如县级“自强少年”）和本学年参加的活动；老师和管理员在这里登记新的荣誉，
 * 可选发到班级成长动态（只有家长同意照片授权时才会发出）。家长和监护人也能看。首屏一次 children.get。
 */
import type { ChildActivities, HonourLevel } from '../../../../../typings/actions/activities';
import { HONOUR_LEVEL_LABELS } from '../../../../generated/activity-labels';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { beijingToday, dayLabel } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string | boolean }, Record<string, never>, { field: string }>;

const own = instanceState(() => ({ childId: '' }));

const blank = () => ({ title: '自强少年', level: 'school' as HonourLevel, date: beijingToday(), body: '', share: true });

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    name: '',
    canEdit: false,
    attended: '',
    honours: [] as (ChildActivities['honours'][number] & { line: string })[],
    levels: Object.entries(HONOUR_LEVEL_LABELS).map(([value, label]) => ({ value, label })),
    form: blank(),
    today: '',
    busy: false,
    message: '',
    formError: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).childId = query.childId ?? '';
      this.load();
    },

    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          await privacyReady();
          const res = await call('children.get', { childId: own(this).childId });
          if (!screen.current()) return;
          const name = String(res.child.name ?? '');
          wx.setNavigationBarTitle?.({ title: `${name}的荣誉` });
          const a = res.activities;
          this.setData({
            state: 'ready',
            name,
            canEdit: res.canEdit,
            attended: a.invited ? `本学年参加活动 ${a.attended} 次（受邀 ${a.invited} 次）` : '本学年还没有参加过登记的活动',
            honours: a.honours.map((h) => ({ ...h, line: `${h.levelLabel} · ${dayLabel(h.date, { year: 'auto' })} · ${h.body}` })),
            today: beijingToday(),
          });
        },
        options,
      );
    },

    onRetry() {
      this.load();
    },

    onField(e: FieldEvent) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '', message: '' });
    },

    async onSave() {
      const f = this.data.form;
      const problem = !f.title.trim() ? '请填写荣誉名称' : !f.body.trim() ? '请填写颁发单位' : '';
      if (problem) return this.setData({ formError: problem });
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        const res = await call('honours.add', {
          childId: own(this).childId,
          title: f.title.trim(),
          level: f.level,
          date: f.date,
          body: f.body.trim(),
          share: !!f.share,
        });
        await this.load({ refresh: true });
        this.setData({ form: blank(), message: res.notice ?? (res.shared ? '已登记，并发到了班级成长动态' : '已登记到孩子的档案') });
      } catch (err) {
        this.setData({ formError: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
