/** The words of 成长动态 that pages show (generated into the mini-program too). */
import type { GrowthTag } from '../../../typings/actions/growth';

export const TAG_LABELS: Record<GrowthTag, string> = { study: '学习', life: '生活', activity: '活动', honor: '荣誉', festival: '节日' };
export const GROWTH_TAGS = Object.keys(TAG_LABELS) as GrowthTag[];

/** How many photos a post has at most, how large each may be, and the longest text. */
export const POST_LIMITS = { photos: 9, photoBytes: 5 * 1024 * 1024, text: 1000 };
/** A message in a family's thread. */
export const REPLY_MAX = 300;
