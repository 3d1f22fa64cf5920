/**
 * Birthdays, wish cards and the class corner (生日祝福、贺卡、爱心天地): what classmates, teachers and families see.
 * Whatever a student receives names a child by given name and class only: never the birth year, an age, or any
 * field of the archive (a birthday is its day this time, 'MM-DD', and how many days away).
 */
import type { ExportOutput } from './archive';

/** The card designs (贺卡样式) a card is written on. */
export type CardDesign = 'cake' | 'gift' | 'star' | 'rainbow' | 'smile';
/** pending: waiting for the teacher; approved: the child and family see it; rejected: only the sender sees it. */
export type ModerationStatus = 'pending' | 'approved' | 'rejected';
/** 爱心宣言, 爱心牌图, 爱心宣传栏. */
export type WorkKind = 'declaration' | 'poster' | 'board';

/** A birthday as a classmate reads it: the day it is celebrated this time, never the year of birth. */
export interface BirthdayDay {
  /** 'MM-DD' of the day it is celebrated (a lunar birthday's solar day this year). */
  monthDay: string;
  /** 0 today, 1 tomorrow; negative: days ago (cards may still be sent for a few days). */
  daysUntil: number;
}

/** A child as a student sees them: the given name (名) and the class, nothing else. */
export interface ClassmateView {
  childId: string;
  givenName: string;
  className: string;
}

export interface UpcomingBirthday extends ClassmateView {
  birthday: BirthdayDay;
  /** The caller's hand-in-hand buddy (手拉手好朋友). */
  buddy: boolean;
  /** The caller has sent a card for this birthday already. */
  sent: boolean;
  /** A card can be sent now (from a week before the day to a few days after). */
  canSend: boolean;
}

/** A card as its sender sees it. */
export interface SentCardView {
  id: string;
  childId: string;
  /** The birthday child's given name. */
  toName: string;
  design: CardDesign;
  text: string;
  status: ModerationStatus;
  /** The birthday the card is for, 'MM-DD'. */
  monthDay: string;
  sentAt: string;
}

/** A work of the class corner as its readers see it. */
export interface CornerWorkView {
  id: string;
  kind: WorkKind;
  title: string;
  text: string;
  /** A photo of a hand-made work: not yet (cloud storage comes with the parent feed); always null for now. */
  photo: null;
  /** 星辰同学, 班主任 */
  authorLabel: string;
  status: ModerationStatus;
  featured: boolean;
  /** Posted by the caller. */
  mine: boolean;
  postedAt: string;
}

export interface StudentHome {
  classId: string;
  className: string;
  /** The student's own child record and given name; null for the class's shared account (班级共用, a binding without a child). */
  childId: string | null;
  givenName: string | null;
  /** True for the class's shared account: it sends cards from the whole class and reads the class's walls. */
  shared: boolean;
  /** Hand-in-hand buddies, with their next birthday when it is announced. */
  buddies: (ClassmateView & { birthday: BirthdayDay | null })[];
  /** Birthdays of the class from three days ago to a month ahead, soonest first. */
  upcoming: UpcomingBirthday[];
  /** The cards the caller sent, newest first. */
  sent: SentCardView[];
  /** The corner's featured works (at most three) and how many works it shows. */
  corner: { featured: CornerWorkView[]; total: number };
  /** Reminded the day before every classmate's birthday (buddies are reminded anyway). */
  optIn: boolean;
  /** The caller's own wall: approved cards of their latest birthday; null for the shared account. */
  myCards: number | null;
}

/** One child's birthday on the teacher's list. */
export interface TeacherBirthdayRow {
  childId: string;
  name: string;
  /** The day it is celebrated, 'YYYY-MM-DD'. */
  date: string;
  daysUntil: number;
  /** 农历七月廿二 when the family keeps the lunar birthday. */
  lunar: string | null;
  /** everyone: buddies, opted-in classmates and the teacher are reminded; teacher: the family switched classmates off; nobody: no guardian consent. */
  audience: 'everyone' | 'teacher' | 'nobody';
  cards: { approved: number; pending: number };
  inWeek: boolean;
  inMonth: boolean;
}

export interface BirthdayListOutput {
  classId: string;
  className: string;
  today: string;
  /** Monday to Sunday of this week and the month, Beijing. */
  week: { from: string; to: string };
  month: string;
  rows: TeacherBirthdayRow[];
  approvalRequired: boolean;
  /** Cards and works waiting for the teacher. */
  waiting: number;
  /** Buddy pairs of the class (the 结对子登记卡 rows). */
  pairs: number;
}

export interface ComposeOutput {
  /** The birthday is null when it is not to be told to the caller. */
  child: ClassmateView & { birthday: BirthdayDay | null };
  /** The caller's card for this birthday, if sent (a rejected one may be written again). */
  sent: SentCardView | null;
  /** How the card will be signed: 星辰同学, 三年级(1)班全体同学, 班主任. */
  signature: string;
  /** The caller's card will wait for the teacher (a student's, in a class whose teacher sees every card first). */
  approvalRequired: boolean;
  maxChars: number;
  /** A card can be written now (the birthday is near and none was sent, or the one sent was not approved). */
  canSend: boolean;
  /** Why not, in the sender's words. */
  reason: string | null;
}

export interface SendOutput {
  card: SentCardView;
  /** The child and family see it now (false: it waits for the teacher). */
  visible: boolean;
  message: string;
}

export interface WallCard {
  id: string;
  design: CardDesign;
  text: string;
  fromLabel: string;
  /** A photo of a hand-made card: not yet (cloud storage comes with the parent feed); always null for now. */
  photo: null;
  sentAt: string;
}

export interface WallOutput {
  child: { childId: string; name: string; classId: string; className: string };
  /** family: a parent or guardian; child: the birthday child themselves; class: the class's shared account; staff. */
  viewer: 'family' | 'child' | 'class' | 'staff';
  /** The next (or current) birthday; null when it is not to be told (a student and no consent). */
  birthday: BirthdayDay | null;
  /** Approved cards by birthday, newest first. */
  groups: { year: number; monthDay: string; cards: WallCard[] }[];
  /** Approved cards of the latest birthday (孩子收到了 N 张生日贺卡). */
  count: number;
  /** For staff: cards of this child waiting for approval. */
  waiting: number;
  /** For the family: whether classmates are reminded of this child's birthday (they may switch it off). */
  classmates: boolean | null;
}

export interface QueueCard {
  id: string;
  childId: string;
  childName: string;
  /** The birthday it is for, 'YYYY-MM-DD'. */
  occurrence: string;
  design: CardDesign;
  text: string;
  fromLabel: string;
  /** WeChat's content check asked for a person to look at it. */
  flagged: boolean;
  sentAt: string;
}

export interface QueueWork {
  id: string;
  kind: WorkKind;
  title: string;
  text: string;
  authorLabel: string;
  flagged: boolean;
  postedAt: string;
}

export interface QueueOutput {
  classId: string;
  className: string;
  approvalRequired: boolean;
  cards: QueueCard[];
  works: QueueWork[];
}

export interface CornerBoard {
  classId: string;
  className: string;
  /** Approved works, featured first, newest first. */
  works: CornerWorkView[];
  /** The caller's own works still waiting or not approved. */
  mine: CornerWorkView[];
  canPost: boolean;
  /** Teachers pick the featured works (挑选作品) and see what waits. */
  canFeature: boolean;
  waiting: number;
}

export interface PostOutput {
  work: CornerWorkView;
  visible: boolean;
  message: string;
}

export type Decision = 'approve' | 'reject';

export interface BirthdayActions {
  'birthdays.home': { input: Record<string, never>; output: StudentHome };
  'birthdays.list': { input: { classId?: string }; output: BirthdayListOutput };
  'birthdays.optIn': { input: { on: boolean }; output: { on: boolean } };
  'birthdays.family': { input: { childId: string; classmates: boolean }; output: { classmates: boolean } };
  'wishes.compose': { input: { childId: string }; output: ComposeOutput };
  'wishes.send': { input: { childId: string; design: CardDesign; text: string }; output: SendOutput };
  'wishes.wall': { input: { childId: string }; output: WallOutput };
  'wishes.queue': { input: { classId?: string }; output: QueueOutput };
  'wishes.review': { input: { wishId: string; decision: Decision }; output: { status: ModerationStatus } };
  'wishes.settings': { input: { classId: string; approvalRequired: boolean }; output: { approvalRequired: boolean } };
  'corner.board': { input: { classId: string } | { childId: string }; output: CornerBoard };
  'corner.post': { input: { classId: string; kind: WorkKind; title: string; text: string }; output: PostOutput };
  'corner.review': { input: { workId: string; decision: Decision }; output: { status: ModerationStatus } };
  'corner.feature': { input: { workId: string; featured: boolean }; output: { featured: boolean } };
  'buddies.export': { input: { classId: string }; output: ExportOutput };
}
