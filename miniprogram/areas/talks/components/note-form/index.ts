/**
 * <note-form>: a growth-diary entry (成长日记: day and a few lines) or a counselling note (心理辅导: day, who, the
 * difficulty, what was done, next steps). Checks itself, then emits `submit` { note } for the page to save; each save
 * the page counts in `saves` clears it.
 */
import { dayLabel } from '../../../../services/time';
import { COUNSELLORS, FOCUSES, orNull } from '../../services/options';
import props from './props';

const blank = (today: string) => ({
  date: today,
  dateText: today ? dayLabel(today) : '',
  text: '',
  nextSteps: '',
  role: ['class_teacher'],
  focus: [] as string[],
});

Component({
  properties: props,

  data: { form: blank(''), problem: '', counsellors: COUNSELLORS, focuses: FOCUSES },

  observers: {
    'today, saves'(today: string) {
      this.setData({ form: blank(today), problem: '' });
    },
  },

  methods: {
    onDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.date': e.detail.value, 'form.dateText': dayLabel(e.detail.value), problem: '' });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string | string[] }, Record<string, never>, { field: string }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, problem: '' });
    },
    onSubmit() {
      const f = this.data.form;
      const counselling = this.data.kind === 'counselling';
      const problem = !f.text.trim() ? (counselling ? '请填写辅导记录' : '请写下今天的日记') : counselling && !f.focus.length ? '请选择辅导的问题' : '';
      if (problem) return this.setData({ problem });
      const note = counselling
        ? { date: f.date, counsellorRole: f.role[0], focus: f.focus[0], notes: f.text.trim(), nextSteps: orNull(f.nextSteps) }
        : { date: f.date, text: f.text.trim() };
      this.triggerEvent('submit', { note });
    },
  },
});
