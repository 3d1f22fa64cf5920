/**
 * 成长动态 (the child's updates for the family), the parent home, photo consent, the family's own contact details,
 * study progress the teacher shares, and the mini-program code of an invite. Times are ISO strings; days "YYYY-MM-DD".
 */
import type { AccountActions, ConsentView, PrivacyNotice } from './accounts';
import type { CallView } from './familyCalls';

/** 学习, 生活, 活动, 荣誉, 节日 */
export type GrowthTag = 'study' | 'life' | 'activity' | 'honor' | 'festival';
export type PhotoExt = 'jpg' | 'png' | 'webp';

/** A photo as a reader gets it: a temporary URL (expires; the page asks again when it does). */
export interface PhotoView {
  url: string;
}

/** One message of a family's thread under a post: the family's replies and the teachers' answers. */
export interface ReplyView {
  id: string;
  /** e.g. 林小禾的妈妈, 三年级(1)班 班主任 */
  by: string;
  fromFamily: boolean;
  mine: boolean;
  text: string;
  at: string;
}

/** A post as a family sees it: nothing about other children or other families. */
export interface FamilyPostView {
  id: string;
  /** child: about their child only; class: to every family of the class. */
  audience: 'child' | 'class';
  tag: GrowthTag;
  tagLabel: string;
  text: string;
  photos: PhotoView[];
  /** Who wrote it, e.g. 三年级(1)班 班主任. */
  author: string;
  at: string;
  likes: number;
  liked: boolean;
  /** Messages in the family's own thread. */
  replies: number;
}

/** A post as the staff who reach it see it. */
export interface StaffPostView extends Omit<FamilyPostView, 'liked' | 'replies'> {
  status: 'published' | 'held';
  /** 林小禾 / 三年级(1)班全体家长 */
  audienceLabel: string;
  /** Children shown in a class post (each with photo consent). */
  shows: { childId: string; name: string }[];
  /** Families who wrote, and whether the latest message is theirs (waiting for an answer). */
  threads: { childId: string; childName: string; messages: number; waiting: boolean }[];
  mine: boolean;
}

export interface PostDetail {
  viewAs: 'family' | 'staff';
  post: FamilyPostView | StaffPostView;
  /** The thread shown: the family's own, or (staff) the one named by childId; empty when none. */
  thread: { childId: string; childName: string; replies: ReplyView[] } | null;
  /** staff: may publish a held post, remove it, answer. */
  canManage: boolean;
}

export interface UploadSlot {
  uploadId: string;
  /** Where wx.cloud.uploadFile puts the photo. */
  cloudPath: string;
}

export interface ComposerChild {
  childId: string;
  name: string;
  /** A class post may show this child (photo or name) only when their family agreed. */
  photoConsent: ConsentView['status'];
}

export interface ComposerView {
  schoolClass: { id: string; name: string };
  /** The children the caller may post about (a mentor: their mentees). */
  children: ComposerChild[];
  /** May post to every family of the class (class teachers, admins). */
  canPostToClass: boolean;
  tags: { value: GrowthTag; label: string }[];
  limits: { photos: number; photoBytes: number; text: number };
}

export interface ContactChangeField {
  field: 'phone' | 'workCity' | 'workUnit' | 'workAddress' | 'address';
  label: string;
  from: string | null;
  to: string | null;
}

export interface ContactChangeView {
  id: string;
  childId: string;
  childName: string;
  /** e.g. 母亲 黄秀英 / 监护人 林桂芳 */
  entryLabel: string;
  changes: ContactChangeField[];
  status: 'pending' | 'accepted' | 'declined';
  /** 林小禾的妈妈 */
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

/** An entry of the contact card a family keeps up to date themselves. */
export interface OwnContactEntry {
  /** A parent's index on the card, or 'guardian'. */
  entry: number | 'guardian';
  label: string;
  phone: string | null;
  workCity: string | null;
  workUnit: string | null;
  workAddress: string | null;
  address: string | null;
}

export interface StudyExamView {
  exam: string;
  date: string;
  scores: { subject: string; score: number; full: number }[];
  rank: number | null;
}

export interface TodoItem {
  kind: 'consent' | 'photoConsent' | 'confirmCall' | 'contactCard' | 'meeting';
  title: string;
  /** Page to open, with its query. */
  page: string;
}

/** One child's home for a parent or guardian, in one call. */
export interface ParentHome {
  /** The caller's children to switch between. */
  children: { childId: string; name: string }[];
  child: { id: string; name: string; className: string; role: 'parent' | 'guardian'; relation: string };
  posts: FamilyPostView[];
  /** More posts before the last one shown (posts.feed). */
  morePosts: boolean;
  nextCall: CallView | null;
  /** This month's talk family summary (家长可见的小结), when the monthly talks have landed; null until then. */
  talkSummary: { month: string; text: string; by: string } | null;
  /** Birthday wishes received (贺卡), when wish cards have landed. */
  wishes: { count: number; latest: { from: string; text: string; at: string }[] };
  /** The next birthday, when birthdays have landed. */
  birthday: { date: string; daysLeft: number; lunar: boolean } | null;
  study: StudyExamView[];
  care: { mentor: string | null; buddies: string[] };
  /** What the caller must do: sign the consent, confirm a call, check the contact card. */
  todo: TodoItem[];
  contact: { entries: OwnContactEntry[]; confirmedAt: string | null; pending: ContactChangeView[] } | null;
  photoConsent: ConsentView['status'];
}

export interface StudyShareRow {
  exam: string;
  date: string;
  subjects: string;
  shared: boolean;
}

export interface GrowthActions {
  /** Upload slots for the photos of a post (then wx.cloud.uploadFile to each cloudPath; locally files.upload). */
  'files.prepare': {
    input: { classId?: string; childId?: string; photos: { ext: PhotoExt; size: number }[] };
    output: { uploads: UploadSlot[]; expiresAt: string };
  };
  /** The local emulator's stand-in for wx.cloud.uploadFile (base64 of the photo); refused in the cloud. */
  'files.upload': { input: { uploadId: string; data: string }; output: { fileID: string } };
  'posts.composer': { input: { classId?: string; childId?: string }; output: ComposerView };
  'posts.create': {
    input: { childId?: string; classId?: string; tag: GrowthTag; text: string; photos: string[]; shows?: string[] };
    output: { postId: string; status: 'published' | 'held'; notice: string | null };
  };
  /** A held post (content check asked for a human look) published by a teacher of the class. */
  'posts.publish': { input: { postId: string }; output: { status: 'published' } };
  'posts.remove': { input: { postId: string }; output: { removed: true; files: number } };
  /** The class's posts for its teachers, newest first. */
  'posts.list': {
    input: { classId?: string; before?: string };
    output: { schoolClass: { id: string; name: string }; posts: StaffPostView[]; next: string | null; waiting: number };
  };
  /** A family's older posts (the home shows the latest). */
  'posts.feed': { input: { childId: string; before: string }; output: { posts: FamilyPostView[]; next: string | null } };
  /** One post: with childId, as that child's family sees it (or, staff, that family's thread). */
  'posts.get': { input: { postId: string; childId?: string }; output: PostDetail };
  'posts.like': { input: { postId: string; childId: string; liked: boolean }; output: { likes: number; liked: boolean } };
  /** A message in a family's thread: the family's reply, or a teacher's answer to that family. */
  'replies.create': { input: { postId: string; childId: string; text: string }; output: { reply: ReplyView } };
  'parent.home': { input: { childId?: string }; output: ParentHome };
  /** The family's posts and messages as a spreadsheet (base64 .xlsx). */
  'parent.export': { input: { childId: string }; output: { fileName: string; data: string; rows: number } };
  /** The exams of a child's progress archive and which ones the family sees; with `change`, switch one. */
  'parent.shareStudy': {
    input: { childId: string; change?: { exam: string; date: string; shared: boolean } };
    output: { childName: string; exams: StudyShareRow[] };
  };
  'photoConsent.get': { input: { childId: string }; output: { notice: PrivacyNotice; consent: ConsentView; childName: string } };
  'photoConsent.record': { input: AccountActions['consent.record']['input']; output: ConsentView };
  /** A parent or guardian asks to change their own entry on the contact card; the class teacher confirms. */
  'contactChanges.propose': {
    input: {
      childId: string;
      entry: number | 'guardian';
      changes: { phone?: string | null; workCity?: string | null; workUnit?: string | null; workAddress?: string | null; address?: string | null };
    };
    output: ContactChangeView;
  };
  'contactChanges.list': { input: { classId?: string }; output: { schoolClass: { id: string; name: string }; changes: ContactChangeView[] } };
  'contactChanges.decide': { input: { changeId: string; accept: boolean; note?: string | null }; output: ContactChangeView };
  /** The mini-program code (PNG, base64) that opens the bind page with this invite's code filled in. */
  'invites.qrcode': { input: { inviteId: string; code: string }; output: { image: string; page: string; scene: string } };
}
