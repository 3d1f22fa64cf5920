/**
 * <exam-records>: the 进步档案 of the archive form, one exam a line (its day, name, rank), with 删除, and the fields to
 * add one ("语文 92 数学 88/120"). Checks what it can by itself; every change emits `change` { exams } (the form
 * saves them with the rest). `error` is the server's word on them.
 */
import type { ExamRecord } from '../../../../../typings/domain';
import { beijingToday, dayLabel } from '../../../../services/time';
import { dateError, requiredError } from '../../services/archive-form';
import props from './props';

interface NewExam {
  exam: string;
  date: string;
  scores: string;
  rank: string;
}

/** "语文 92 数学 88/120" -> scores; null when unreadable. */
export function parseScores(text: string): ExamRecord['scores'] | null {
  const parts = text
    .trim()
    .split(/[\s,，、;；]+/)
    .filter(Boolean);
  const scores: ExamRecord['scores'] = [];
  for (let i = 0; i < parts.length; i++) {
    const m = parts[i].match(/^([\u4e00-\u9fa5A-Za-z]+)[:：]?(\d+(?:\.\d+)?)?(?:\/(\d+))?$/);
    if (!m) return null;
    let score = m[2];
    let full = m[3];
    if (score === undefined) {
      const next = parts[i + 1]?.match(/^(\d+(?:\.\d+)?)(?:\/(\d+))?$/);
      if (!next) return null;
      score = next[1];
      full = next[2];
      i++;
    }
    scores.push({ subject: m[1], score: Number(score), full: full ? Number(full) : 100 });
  }
  return scores.length ? scores : null;
}

const EMPTY_EXAM: NewExam = { exam: '', date: '', scores: '', rank: '' };

Component({
  properties: props,

  data: {
    rows: [] as (ExamRecord & { title: string; rankText: string })[],
    newExam: { ...EMPTY_EXAM } as NewExam,
    examError: '',
    /** the last day an exam can have been */
    today: beijingToday(),
  },

  observers: {
    exams(exams: ExamRecord[]) {
      this.setData({
        rows: exams.map((e) => ({
          ...e,
          title: `${dayLabel(e.date, { year: 'always' })} ${e.exam}`,
          rankText: e.rank ? `第${e.rank}名` : '',
        })),
      });
    },
  },

  methods: {
    onExamField(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: keyof NewExam }>) {
      this.setData({ newExam: { ...this.data.newExam, [e.currentTarget.dataset.field]: e.detail.value }, examError: '' });
    },

    onAddExam() {
      const n = this.data.newExam;
      const scores = parseScores(n.scores);
      const problem =
        requiredError(n.exam, '考试名称') || dateError(n.date, '考试日期') || (scores ? '' : '成绩格式如：语文 92 数学 88（满分不是 100 时写 118/120）');
      const rank = n.rank.trim() ? Number(n.rank) : null;
      const rankProblem = rank !== null && (!Number.isInteger(rank) || rank < 1) ? '名次应为正整数' : '';
      const over = scores?.find((s) => s.score > s.full);
      if (problem || rankProblem || over) {
        this.setData({ examError: problem || rankProblem || `${over!.subject}的分数超过了满分` });
        return;
      }
      const exams = [
        ...(this.data.exams as ExamRecord[]).filter((e) => !(e.date === n.date && e.exam === n.exam.trim())),
        { exam: n.exam.trim(), date: n.date, scores: scores!, rank, note: null },
      ].sort((a, b) => a.date.localeCompare(b.date));
      this.setData({ newExam: { ...EMPTY_EXAM }, examError: '' });
      this.triggerEvent('change', { exams });
    },

    onRemoveExam(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const exams = (this.data.exams as ExamRecord[]).slice();
      exams.splice(Number(e.currentTarget.dataset.index), 1);
      this.triggerEvent('change', { exams });
    },
  },
});
