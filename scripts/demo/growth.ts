/**
 * The demo's 成长动态: a few weeks of posts by the class teacher through the real actions (photo consent, upload
 * slots, photos put through the local upload, posts), with photos made here as PNGs; a shared exam; a class post that
 * shows a child whose family agreed; and a message from the demo parent with the teacher's answer.
 */
import zlib from 'node:zlib';
import { PHOTO_NOTICE } from '../../cloudfunctions/core/growth/photoConsent';
import type { DemoCall } from '../demo-data';

const TEACHER = 'demo-teacher';
const DAY = 86400000;

/** A 320x240 PNG: a soft sky over a field, with a sun; `hue` varies the picture. */
export function demoPhoto(hue: number): Buffer {
  const w = 320;
  const h = 240;
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) {
      const sun = (x - 240) ** 2 + (y - 60) ** 2 < 900;
      const ground = y > 160 + Math.sin((x + hue * 7) / 30) * 10;
      const [r, g, b] = sun ? [255, 200, 60] : ground ? [90 + hue * 10, 170, 80] : [150, 200 - y / 4, 240 - hue * 8];
      row.set(
        [r, g, b].map((v) => Math.max(0, Math.min(255, Math.round(v)))),
        1 + x * 3,
      );
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([head, Buffer.from(type), data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const POSTS: { daysAgo: number; place: { childId: string } | { classId: string }; tag: string; text: string; photos: number[]; shows?: string[] }[] = [
  {
    daysAgo: 24,
    place: { childId: 'demo-child-01' },
    tag: 'study',
    text: '语文课上，小禾第一次主动举手朗读课文，声音响亮，同学们都为她鼓掌。',
    photos: [1, 2],
  },
  {
    daysAgo: 17,
    place: { classId: 'demo-class-3-1' },
    tag: 'activity',
    text: '秋季运动会，三年级(1)班拔河得了第二名！周子墨喊口号喊得最响。',
    photos: [3],
    shows: ['demo-child-02'],
  },
  { daysAgo: 10, place: { childId: 'demo-child-01' }, tag: 'life', text: '今天午饭小禾吃得很香，还帮老师分发了餐具。', photos: [4] },
  { daysAgo: 6, place: { childId: 'demo-child-02' }, tag: 'festival', text: '中秋节做月饼，子墨做了一个兔子形状的，说要留给外婆。', photos: [5] },
  { daysAgo: 2, place: { childId: 'demo-child-01' }, tag: 'honor', text: '小禾被评为本周“阅读小明星”，这是她读完的第三本书。', photos: [6, 7, 8] },
];

export async function seedGrowthDemo(call: DemoCall, now: Date): Promise<void> {
  const must = async (openid: string, action: string, input: Record<string, unknown>, at = now) => {
    const res = await call(openid, action, input, at);
    if (!res.ok) throw new Error(`演示数据：${action} 失败：${res.error?.message}`);
    return res.data as Record<string, unknown>;
  };
  const earliest = new Date(now.getTime() - 30 * DAY);
  await must(
    'demo-parent',
    'photoConsent.record',
    { childId: 'demo-child-01', decision: 'granted', noticeVersion: PHOTO_NOTICE.version, method: 'wechat' },
    earliest,
  );
  await must(
    'demo-guardian',
    'photoConsent.record',
    { childId: 'demo-child-02', decision: 'granted', noticeVersion: PHOTO_NOTICE.version, method: 'wechat' },
    earliest,
  );

  const ids: string[] = [];
  for (const p of POSTS) {
    const at = new Date(now.getTime() - p.daysAgo * DAY);
    const pictures = p.photos.map(demoPhoto);
    const slots = (await must(TEACHER, 'files.prepare', { ...p.place, photos: pictures.map((b) => ({ ext: 'png', size: b.length })) }, at)) as {
      uploads: { uploadId: string }[];
    };
    const photos: string[] = [];
    for (const [i, slot] of slots.uploads.entries())
      photos.push(((await must(TEACHER, 'files.upload', { uploadId: slot.uploadId, data: pictures[i].toString('base64') }, at)) as { fileID: string }).fileID);
    const post = await must(TEACHER, 'posts.create', { ...p.place, tag: p.tag, text: p.text, photos, ...(p.shows ? { shows: p.shows } : {}) }, at);
    ids.push(post.postId as string);
  }
  const replied = new Date(now.getTime() - 23 * DAY);
  await must('demo-parent', 'posts.like', { postId: ids[0], childId: 'demo-child-01', liked: true }, replied);
  await must('demo-parent', 'replies.create', { postId: ids[0], childId: 'demo-child-01', text: '谢谢老师！在外面打工，看到孩子的样子特别安心。' }, replied);
  await must(
    TEACHER,
    'replies.create',
    { postId: ids[0], childId: 'demo-child-01', text: '小禾很棒，我们会一直鼓励她。周三视频时您也夸夸她。' },
    new Date(replied.getTime() + 3600000),
  );

  const detail = (await must(TEACHER, 'children.get', { childId: 'demo-child-01' })) as { child: { archiveVersion: number } };
  const exam = { exam: '期中考试', date: new Date(now.getTime() - 20 * DAY).toISOString().slice(0, 10) };
  await must(TEACHER, 'archive.update', {
    childId: 'demo-child-01',
    expectedVersion: detail.child.archiveVersion,
    changes: {
      studyRecords: [
        {
          ...exam,
          scores: [
            { subject: '语文', score: 92 },
            { subject: '数学', score: 85 },
            { subject: '英语', score: 88 },
          ],
          rank: 6,
        },
      ],
    },
  });
  await must(TEACHER, 'parent.shareStudy', { childId: 'demo-child-01', change: { ...exam, shared: true } });
}
