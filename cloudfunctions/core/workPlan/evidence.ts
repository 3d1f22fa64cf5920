/**
 * What an item's evidence shows, read from the records at the time of asking: a dashboard rate as the dashboard
 * counts it (the school's counts kept today, by the morning run or the school's dashboard, else counted now), a
 * parent meeting of the school, the term's help-plan summaries signed off. Each kind is read only when some item
 * names it, all at once.
 */
import type { EvidenceRef, EvidenceView } from '../../../typings/actions/workPlan';
import type { RateView, TermView } from '../../../typings/actions/dashboard';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { RATES, ratesOfTally, sumTallies } from '../dashboard/rates';
import { tallyRates, type Tally } from '../dashboard/counts';
import type { KeptCounts } from '../dashboard/kept';
import { asOfDay } from '../dashboard/terms';
import type { SymposiumRecord } from '../talks/records';
import { beijingDate } from '../time';
import { countLabel, dayOfMonthLabel } from './labels';

export interface EvidenceData {
  rates: RateView[] | null;
  /** The school's parent meetings (座谈会) of the term, by id. */
  symposiums: Map<string, Pick<SymposiumRecord, '_id' | 'date' | 'topic'>>;
  summaries: { signed: number; plans: number } | null;
}

/** The school's counts at the day the term stands at: those kept when they are of that day (read early by the caller), else counted now. */
async function schoolCountsAt(db: Database, schoolId: string, term: TermView, asOf: string, kept: Promise<KeptCounts | null>): Promise<Tally> {
  const k = await kept;
  if (k && k.term === term.name && k.asOf === asOf) return k.tally;
  return sumTallies((await tallyRates(db, { field: 'schoolId', ids: [schoolId], by: 'schoolId' }, term, asOf)).values());
}

export async function loadEvidence(
  db: Database,
  schoolId: string,
  term: TermView,
  refs: EvidenceRef[],
  now: Date,
  kept: Promise<KeptCounts | null>,
): Promise<EvidenceData> {
  const _ = db.command;
  const begun = term.start <= beijingDate(now);
  const wants = (kind: EvidenceRef['kind']) => refs.some((r) => r.kind === kind);
  const helpPlans = (where: object) =>
    db
      .collection(COLLECTION.helpPlans)
      .where({ schoolId, 'term.start': term.start, ...where })
      .count()
      .then((r) => r.total);
  const asOf = asOfDay(term, now);
  const [data, symposiums, summaries] = await Promise.all([
    begun && wants('rate') ? schoolCountsAt(db, schoolId, term, asOf, kept) : null,
    db
      .collection(COLLECTION.symposiums)
      .where({ schoolId, date: _.gte(term.start).and(_.lte(term.end)), status: _.neq('cancelled') })
      .field({ date: true, topic: true })
      .orderBy('date', 'asc')
      .limit(100)
      .get(),
    wants('helpPlanSummaries') ? Promise.all([helpPlans({ 'summary.signedOff': _.neq(null) }), helpPlans({})]) : null,
  ]);
  return {
    rates: data ? ratesOfTally(data) : null,
    symposiums: new Map((symposiums.data as SymposiumRecord[]).map((s) => [s._id, s])),
    summaries: summaries ? { signed: summaries[0], plans: summaries[1] } : null,
  };
}

/** What the editor offers: each rate, each parent meeting of the term, the summaries; `key` is the ref in one string. */
export function evidenceOptions(data: EvidenceData): { key: string; label: string; ref: EvidenceRef }[] {
  const refs: EvidenceRef[] = [
    ...RATES.map((r) => ({ kind: 'rate' as const, rate: r.key })),
    ...[...data.symposiums.keys()].map((symposiumId) => ({ kind: 'symposium' as const, symposiumId })),
    { kind: 'helpPlanSummaries' },
  ];
  return refs.map((ref) => ({ key: evidenceKey(ref), label: optionLabel(ref, data), ref }));
}

export const evidenceKey = (ref: EvidenceRef) =>
  ref.kind === 'rate' ? `rate:${ref.rate}` : ref.kind === 'symposium' ? `symposium:${ref.symposiumId}` : ref.kind;

function optionLabel(ref: EvidenceRef, data: EvidenceData): string {
  if (ref.kind === 'rate') return RATES.find((r) => r.key === ref.rate)!.label;
  if (ref.kind === 'symposium') return `家长会/座谈会：${symposiumLabel(data.symposiums.get(ref.symposiumId)!)}`;
  return '帮扶计划期末总结';
}

export const symposiumLabel = (s: Pick<SymposiumRecord, 'date' | 'topic'>) => `${dayOfMonthLabel(s.date)} ${s.topic}`;

export function evidenceView(ref: EvidenceRef, data: EvidenceData, schoolId: string, term: TermView): EvidenceView {
  if (ref.kind === 'rate') {
    const rate = data.rates?.find((r) => r.key === ref.rate);
    const query = `schoolId=${schoolId}&rate=${ref.rate}&term=${encodeURIComponent(term.name)}`;
    return rate
      ? { kind: ref.kind, ref, label: countLabel(rate.label, rate.numerator, rate.denominator, rate.rate), page: `areas/dashboard/pages/rate/index?${query}` }
      : { kind: ref.kind, ref, label: '学期尚未开始，比率开学后统计', page: null };
  }
  if (ref.kind === 'symposium') {
    const s = data.symposiums.get(ref.symposiumId);
    return { kind: ref.kind, ref, label: s ? symposiumLabel(s) : '这次座谈会已不在本学期', page: `areas/talks/pages/symposium/index?schoolId=${schoolId}` };
  }
  const s = data.summaries ?? { signed: 0, plans: 0 };
  return { kind: ref.kind, ref, label: `帮扶计划期末总结 ${s.signed}/${s.plans} 已签字`, page: null };
}
