/** The records of 成长动态 as stored (one collection each, cloudbase/collections.json). */
import type { Role } from '../../../typings/roles';
import type { GrowthTag, PhotoExt } from '../../../typings/actions/growth';

/** A photo of a post: where it is in cloud storage and what it was found to be. */
export interface StoredPhoto {
  fileID: string;
  uploadId: string;
  size: number;
  kind: 'jpeg' | 'png' | 'webp';
}

/** 成长动态: about one child (to their family) or to every family of a class. */
export interface GrowthPost {
  _id: string;
  schoolId: string;
  classId: string;
  /** The child it is about; null for a class post. */
  childId: string | null;
  audience: 'child' | 'class';
  tag: GrowthTag;
  text: string;
  photos: StoredPhoto[];
  /** Class post: the children it shows by photo or name (each had photo consent when it was posted). */
  shows: string[];
  /** held: the content check asked for a human look; families see it once a teacher publishes it. */
  status: 'published' | 'held';
  authorOpenid: string;
  authorRole: Role;
  /** The author's binding label, e.g. 三年级(1)班 班主任. */
  authorLabel: string;
  likes: number;
  createdAt: Date;
  publishedAt: Date | null;
}

/** An upload slot: a cloud path handed to one teacher for one post's photo, claimed by the post that uses it. */
export interface GrowthUpload {
  _id: string;
  path: string;
  /** The file's id in cloud storage (what wx.cloud.uploadFile answers for the path). */
  fileID: string;
  ext: PhotoExt;
  schoolId: string;
  classId: string;
  childId: string | null;
  createdBy: string;
  createdAt: Date;
  /** Unclaimed after this, the slot and whatever was uploaded to it are removed. */
  expiresAt: Date;
  postId: string | null;
}

/** A message of a family's thread under a post (the family's reply, or a teacher's answer to them). */
export interface GrowthReply {
  _id: string;
  postId: string;
  schoolId: string;
  classId: string;
  /** The family's child: one thread per child and post. */
  childId: string;
  byOpenid: string;
  byRole: Role;
  byLabel: string;
  fromFamily: boolean;
  text: string;
  /** The content check asked for a human look (the teacher is its reader). */
  review: boolean;
  createdAt: Date;
}

export interface GrowthLike {
  _id: string;
  postId: string;
  childId: string;
  openid: string;
  at: Date;
}

/** A family's proposed change to their own entry on the contact card (联系卡). */
export interface ContactChange {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  entry: number | 'guardian';
  entryLabel: string;
  changes: { field: 'phone' | 'workCity' | 'workUnit' | 'workAddress' | 'address'; from: string | null; to: string | null }[];
  status: 'pending' | 'accepted' | 'declined';
  proposedBy: string;
  proposedByLabel: string;
  proposedAt: Date;
  /** The card version the proposal was made against. */
  cardVersion: number;
  decidedBy: string | null;
  decidedByLabel: string | null;
  decidedAt: Date | null;
  note: string | null;
}

/** The exams of a child's progress archive the family sees (_id = childId); keys are `${date}|${exam}`. */
export interface StudyShare {
  _id: string;
  childId: string;
  schoolId: string;
  classId: string;
  exams: string[];
  updatedAt: Date;
  updatedBy: string;
}
