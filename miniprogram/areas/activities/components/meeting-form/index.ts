/**
 * <meeting-form>: schedule a 家长会 or 座谈会 — kind, topic, day, time, place and the children whose parents and
 * guardians are invited (all by default), and the agenda, one item a line. Emits `submit` { kind, topic, date, time, place,
 * agenda, childIds } once it is filled in.
 */
import { MEETING_KIND_LABELS } from '../../../../generated/activity-labels';
import props from './props';

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>;

Component({
  properties: props,

  data: {
    kinds: Object.entries(MEETING_KIND_LABELS).map(([value, label]) => ({ value, label })),
    form: { kind: 'parent_meeting', topic: '', date: '', time: '15:00', place: '', agenda: '', childIds: [] as string[] },
    problem: '',
  },

  observers: {
    'children, today'(children: { id: string }[], today: string) {
      this.setData({ 'form.childIds': children.map((c) => c.id), 'form.date': this.data.form.date || today });
    },
  },

  methods: {
    onField(e: FieldEvent) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, problem: '' });
    },

    onPick(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ 'form.childIds': e.detail.value, problem: '' });
    },

    onSubmit() {
      const f = this.data.form;
      const agenda = f.agenda
        .split('\n')
        .map((a) => a.trim())
        .filter(Boolean);
      const problem = !f.topic.trim()
        ? '请填写会议主题'
        : !f.place.trim()
          ? '请填写会议地点'
          : !/^([01]\d|2[0-3]):[0-5]\d$/.test(f.time)
            ? '开始时间请写成 15:00 这样'
            : agenda.length > 10 || agenda.some((a) => a.length > 50)
              ? '议程最多 10 项，每项不超过 50 个字'
              : !f.childIds.length
                ? '请选择邀请哪些孩子的家长'
                : '';
      if (problem) return this.setData({ problem });
      this.triggerEvent('submit', { ...f, topic: f.topic.trim(), place: f.place.trim(), agenda });
    },
  },
});
