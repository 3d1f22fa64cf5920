/** The visit form: its fields as typed, the checks it makes by itself, and the visits.record input it becomes. */
import type { SituationChangeKind, VisitMethod } from '../../../../typings/domain';
import type { VisitInput } from '../../../../typings/actions/community';
import type { StepForm } from '../components/next-steps/type';
import { beijingToday, dayLabel } from '../../../services/time';

export interface VisitForm {
  date: string;
  method: VisitMethod;
  met: string;
  living: string;
  schooling: string;
  health: string;
  safety: string;
  mood: string;
  guardianCondition: string;
  findings: string;
  steps: StepForm[];
  changed: boolean;
  changeKind: SituationChangeKind | '';
  changeNote: string;
}

export function emptyForm(now = new Date()): VisitForm {
  return {
    date: beijingToday(now),
    method: 'home',
    met: '',
    living: '',
    schooling: '',
    health: '',
    safety: '',
    mood: '',
    guardianCondition: '',
    findings: '',
    steps: [],
    changed: false,
    changeKind: '',
    changeNote: '',
  };
}

/** 今天（3月1日） or 2月28日 */
export function dateText(date: string, now = new Date()): string {
  return date === beijingToday(now) ? `今天（${dayLabel(date)}）` : dayLabel(date);
}

/** What the form can tell by itself, by field path as the server names it. */
export function formErrors(f: VisitForm, now = new Date()): Record<string, string> {
  const e: Record<string, string> = {};
  if (f.date > beijingToday(now)) e.date = '走访日期不能晚于今天';
  if (!f.met.trim()) e.met = '请填写见到的人，如：奶奶和孩子本人';
  if (f.changed && !f.changeKind) e['change.kind'] = '请选择情况变化的类别';
  if (f.changed && !f.changeNote.trim()) e['change.note'] = '请写明发生了什么';
  f.steps.forEach((s, i) => {
    if (s.due && s.due < f.date) e[`nextSteps.${i}.due`] = '完成日期不能早于走访日期';
  });
  return e;
}

const orNull = (s: string) => s.trim() || null;

export function visitInput(visitId: string, childId: string, f: VisitForm, savedAt: string): VisitInput {
  return {
    visitId,
    childId,
    date: f.date,
    method: f.method,
    met: f.met.trim(),
    situation: { living: orNull(f.living), schooling: orNull(f.schooling), health: orNull(f.health), safety: orNull(f.safety), mood: orNull(f.mood) },
    guardianCondition: orNull(f.guardianCondition),
    findings: orNull(f.findings),
    nextSteps: f.steps.filter((s) => s.text.trim()).map((s) => ({ text: s.text.trim(), due: s.due || null })),
    change: f.changed && f.changeKind ? { kind: f.changeKind, note: f.changeNote.trim() } : null,
    savedOnPhoneAt: savedAt,
  };
}
