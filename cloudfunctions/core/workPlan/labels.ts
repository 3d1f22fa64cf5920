/** How months and evidence read in the plan: 2026年9月, 建档率 12/14（85.7%）. */
export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

export const countLabel = (label: string, numerator: number, denominator: number, rate: number | null) =>
  `${label} ${numerator}/${denominator}${rate === null ? '' : `（${rate}%）`}`;

/** 12月5日 */
export const dayOfMonthLabel = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
