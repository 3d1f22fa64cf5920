/**
 * What classmates and teachers write for others to read, and its moderation: wish cards (贺卡) and the works of the
 * class corner (爱心天地). Risky text is never stored; a text WeChat wants a person to look at, or any text of a class
 * whose teacher asked to see everything first, waits as 'pending' until the teacher approves or rejects it.
 */
import type { Role } from '../../../typings/roles';
import type { CardDesign, ModerationStatus, WorkKind } from '../../../typings/actions/birthdays';

/** Who wrote it, as stored: the role decides how it is signed. */
export interface Signer {
  openid: string;
  bindingId: string;
  role: Role;
  /** 星辰同学, 三年级(1)班全体同学, 班主任 */
  label: string;
}

interface Moderated {
  status: ModerationStatus;
  /** WeChat's content check asked for a person to look at it. */
  flagged: boolean;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A birthday card (collection wishes); _id from child, birthday and sender, so one sender writes one card per birthday. */
export interface WishRecord extends Moderated {
  _id: string;
  schoolId: string;
  classId: string;
  /** The birthday child. */
  childId: string;
  /** The birthday it is for: the day it is celebrated, 'YYYY-MM-DD'. */
  occurrence: string;
  design: CardDesign;
  text: string;
  /** A photo of a hand-made card: comes with cloud storage (the parent feed); null until then. */
  photo: null;
  fromOpenid: string;
  fromBindingId: string;
  fromRole: Role;
  fromLabel: string;
}

/** A work of the class corner (collection cornerWorks); _id from class, author and content: the same work posts once. */
export interface CornerWorkRecord extends Moderated {
  _id: string;
  schoolId: string;
  classId: string;
  kind: WorkKind;
  title: string;
  text: string;
  /** A photo of a hand-made poster: comes with cloud storage (the parent feed); null until then. */
  photo: null;
  authorOpenid: string;
  authorBindingId: string;
  authorRole: Role;
  authorLabel: string;
  featured: boolean;
  featuredAt: Date | null;
}

/** A class's moderation setting (collection wishSettings, _id = classId). No record: cards that pass show at once. */
export interface WishSettingsRecord {
  _id: string;
  schoolId: string;
  classId: string;
  approvalRequired: boolean;
  updatedAt: Date;
  updatedBy: string;
}
