/**
 * 登记活动：类别（主题班队会、节日活动、励志教育专题片、图书室开放、文体活动、送微笑、留守儿童之家、教师培训专班）、
 * 名称、日期、地点、组织者，邀请的孩子（培训专班邀请老师，全校范围）。首屏一次 activities.invitable；保存后打开这项活动去点名。
 */
import type { ActivityKind, Invitable } from '../../../../../typings/actions/activities';
import { ACTIVITY_KIND_LABELS } from '../../../../generated/activity-labels';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { beijingToday } from '../../../../services/time';
import { placeOf, scopePlace, type Place } from '../../services/place';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;

const own = instanceState(() => ({ place: {} as Place }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    scopeName: '',
    schoolWide: false,
    kinds: [] as { value: string; label: string }[],
    children: [] as Invitable['children'],
    teachers: [] as Invitable['teachers'],
    form: { kind: 'class_meeting' as ActivityKind, title: '', date: '', place: '', organiser: '', childIds: [] as string[], teacherIds: [] as string[] },
    busy: false,
    formError: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).place = placeOf(query);
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        await privacyReady();
        const res = await call('activities.invitable', own(this).place);
        if (!screen.current()) return;
        own(this).place = scopePlace(res.scope);
        const schoolWide = !res.scope.classId;
        this.setData({
          state: 'ready',
          scopeName: res.scope.name,
          schoolWide,
          kinds: Object.entries(ACTIVITY_KIND_LABELS)
            .filter(([k]) => schoolWide || k !== 'training')
            .map(([value, label]) => ({ value, label })),
          children: res.children,
          teachers: res.teachers,
          form: { ...this.data.form, date: beijingToday(), organiser: schoolWide ? '学校' : '班主任', childIds: res.children.map((c) => c.id) },
        });
      });
    },

    onRetry() {
      this.load();
    },

    onField(e: FieldEvent) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },

    onPick(e: WechatMiniprogram.CustomEvent<{ value: string[] }, Record<string, never>, { field: string }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },

    async onSave() {
      const f = this.data.form;
      const training = f.kind === 'training';
      const problem = !f.title.trim()
        ? '请填写活动名称'
        : !f.place.trim()
          ? '请填写活动地点'
          : !f.organiser.trim()
            ? '请填写组织者'
            : !(training ? f.teacherIds : f.childIds).length
              ? training
                ? '请选择参加培训的老师'
                : '请选择参加活动的孩子'
              : '';
      if (problem) return this.setData({ formError: problem });
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      try {
        const made = await call('activities.create', {
          ...own(this).place,
          kind: f.kind,
          title: f.title.trim(),
          date: f.date,
          place: f.place.trim(),
          organiser: f.organiser.trim(),
          childIds: training ? [] : f.childIds,
          ...(training ? { teacherIds: f.teacherIds } : {}),
        });
        wx.redirectTo({ url: pageUrl('activity', { id: made.id }) });
      } catch (err) {
        this.setData({ formError: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
