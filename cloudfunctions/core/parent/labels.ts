/** Field names of a family's own contact entry, as the family and the teacher read them. */
export const CONTACT_FIELD_LABELS = { phone: '电话', workCity: '务工城市', workUnit: '务工单位', workAddress: '务工地址', address: '家庭住址' } as const;
export type ContactField = keyof typeof CONTACT_FIELD_LABELS;
/** Which fields each kind of entry has. */
export const PARENT_FIELDS: ContactField[] = ['phone', 'workCity', 'workUnit', 'workAddress'];
export const GUARDIAN_FIELDS: ContactField[] = ['phone', 'address'];
