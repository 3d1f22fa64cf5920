/** What the birthday reminders keep: the family's choice for their child, and a student's choice for their class. */

/** 家长的选择 (collection birthdayChoices, _id = childId). No record: classmates are reminded. */
export interface BirthdayChoiceRecord {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  /** Classmates (buddies included) are reminded of the child's birthday; off: only the teacher. */
  classmates: boolean;
  updatedAt: Date;
  updatedBy: string;
}

/** A student asks to be reminded of every classmate's birthday (collection birthdayOptIns, _id = the binding). */
export interface BirthdayOptInRecord {
  _id: string;
  openid: string;
  bindingId: string;
  schoolId: string;
  classId: string;
  on: boolean;
  updatedAt: Date;
}
