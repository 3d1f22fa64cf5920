/** How posts read on the family's and the teachers' screens. */
import type { FamilyPostView, StaffPostView } from '../../../../typings/actions/growth';
import { beijingLabel } from '../../../services/time';

export interface PostRow {
  id: string;
  tagLabel: string;
  text: string;
  photos: string[];
  /** 三年级(1)班 班主任 · 今天 18:05 */
  byline: string;
  audience: string;
  likes: number;
  liked: boolean;
  replies: number;
  held: boolean;
  waiting: number;
}

export function postRow(p: FamilyPostView | StaffPostView, now: Date = new Date()): PostRow {
  const staff = 'status' in p;
  return {
    id: p.id,
    tagLabel: p.tagLabel,
    text: p.text,
    photos: p.photos.map((x) => x.url),
    byline: `${p.author} · ${beijingLabel(p.at, now)}`,
    audience: staff ? `发给${(p as StaffPostView).audienceLabel}` : p.audience === 'class' ? '班级动态' : '',
    likes: p.likes,
    liked: staff ? false : (p as FamilyPostView).liked,
    replies: staff ? (p as StaffPostView).threads.reduce((n, t) => n + t.messages, 0) : (p as FamilyPostView).replies,
    held: staff && (p as StaffPostView).status === 'held',
    waiting: staff ? (p as StaffPostView).threads.filter((t) => t.waiting).length : 0,
  };
}
