/**
 * 成长动态 end to end through the real SDK and storage: a teacher posts with photos, the family sees exactly its
 * child's posts and nothing internal, class posts respect photo consent, replies reach the teacher, removing a post
 * removes its photos.
 */
import type { TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { PHOTO_NOTICE } from '../../cloudfunctions/core/growth/photoConsent';
import { count, DEMO, failure, growthSchool, measured, ok, png, uploadAs } from './helpers';

let env: TestEmulator;
beforeAll(async () => {
  env = await growthSchool();
  await addOtherSchool(env);
  await env.app.database().collection('bindings').add({
    openid: 'parent-b',
    role: 'parent',
    schoolId: OTHER.schoolId,
    classId: OTHER.classId,
    childId: OTHER.childId,
    communityId: null,
    label: '赵小川的妈妈',
    createdAt: new Date(),
    revokedAt: null,
  });
}, 60000);
afterAll(() => env.stop());

const CHILD = 'demo-child-01';
const CLASS = 'demo-class-3-1';

test('a child post with photos reaches exactly that family, photos as expiring URLs, nothing internal', async () => {
  const photos = [png(1), png(2)];
  const fileIDs = await uploadAs(env, DEMO.teacher, { childId: CHILD }, photos);
  const created = await ok(env, DEMO.teacher, 'posts.create', {
    childId: CHILD,
    tag: 'study',
    text: '小禾今天的作文得了优，字写得特别工整。',
    photos: fileIDs,
  });
  expect(created).toMatchObject({ status: 'published', notice: null });

  const home = await ok(env, DEMO.parent, 'parent.home', {});
  expect(home.child).toMatchObject({ id: CHILD, name: '林小禾', className: '三年级(1)班', role: 'parent', relation: '妈妈' });
  const post = home.posts.find((p) => p.id === created.postId)!;
  expect(post).toMatchObject({ audience: 'child', tagLabel: '学习', author: '三年级(1)班 班主任', likes: 0, liked: false, replies: 0 });
  expect(post.photos).toHaveLength(2);
  const got = await fetch(post.photos[1].url);
  expect(Buffer.from(await got.arrayBuffer())).toEqual(photos[1]);
  expect(new URL(post.photos[0].url).searchParams.get('t')).toBeTruthy();
  const payload = JSON.stringify(home);
  for (const internal of ['cloud://', DEMO.teacher, 'authorOpenid', 'fileID', 'uploadId', 'shows', 'review', 'idNumber', 'difficult', 'focusSupport'])
    expect(payload).not.toContain(internal);

  // the other family of the demo guardian (周子墨) does not see it; nor does a parent of another school
  const other = await ok(env, DEMO.guardian, 'parent.home', { childId: 'demo-child-02' });
  expect(other.posts.map((p) => p.id)).not.toContain(created.postId);
  const stranger = await ok(env, 'parent-b', 'parent.home', {});
  expect(stranger.children).toEqual([{ childId: OTHER.childId, name: '赵小川' }]);
  expect(stranger.posts).toEqual([]);
  expect(failure(await env.api('parent-b', 'posts.get', { postId: created.postId, childId: OTHER.childId }))?.code).toBe('FORBIDDEN');
  expect(failure(await env.api('parent-b', 'posts.get', { postId: created.postId }))?.code).toBe('FORBIDDEN');
  expect(failure(await env.api('parent-b', 'parent.home', { childId: CHILD }))?.code).toBe('FORBIDDEN');
});

test('a class post shows a child only with photo consent, and names none without it', async () => {
  // 陈一诺's family has not decided (the demo's families of 林小禾 and 周子墨 agreed)
  const before = await count(env, 'growthPosts');
  const noConsent = await env.api(DEMO.teacher, 'posts.create', {
    classId: CLASS,
    tag: 'activity',
    text: '今天运动会，大家都很努力！',
    photos: [],
    shows: ['demo-child-03'],
  });
  expect(failure(noConsent)).toMatchObject({ code: 'INVALID_INPUT', message: '陈一诺的家长还没有同意在班级动态中出现孩子的照片和名字' });
  const named = await env.api(DEMO.teacher, 'posts.create', { classId: CLASS, tag: 'activity', text: '陈一诺跑了第一名', photos: [] });
  expect(failure(named)?.message).toContain('陈一诺的家长还没有同意');
  const group = await env.api(DEMO.teacher, 'posts.create', {
    classId: CLASS,
    tag: 'activity',
    text: '合影',
    photos: [],
    shows: ['demo-child-01', 'demo-child-02', 'demo-child-03'],
  });
  expect(failure(group)?.details).toEqual([{ path: 'shows.2', message: '陈一诺的家长还没有同意在班级动态中出现孩子的照片和名字' }]);
  expect(await count(env, 'growthPosts')).toBe(before);

  // the teacher enters the family's signed paper form
  await ok(env, DEMO.teacher, 'photoConsent.record', {
    childId: 'demo-child-03',
    decision: 'granted',
    noticeVersion: PHOTO_NOTICE.version,
    method: 'paper',
    signerName: '陈海',
    signerRelation: '父亲',
  });
  const fileIDs = await uploadAs(env, DEMO.teacher, { classId: CLASS }, [png(3)]);
  const created = await ok(env, DEMO.teacher, 'posts.create', {
    classId: CLASS,
    tag: 'activity',
    text: '陈一诺在运动会上跑得真快！',
    photos: fileIDs,
    shows: ['demo-child-03'],
  });
  expect(created.status).toBe('published');
  // every family of the class sees it; they are not told which children it shows
  const home = await ok(env, DEMO.parent, 'parent.home', {});
  const post = home.posts.find((p) => p.id === created.postId)!;
  expect(post.audience).toBe('class');
  expect(JSON.stringify(post)).not.toContain('demo-child-03');
  const staff = await ok(env, DEMO.teacher, 'posts.get', { postId: created.postId });
  expect((staff.post as { shows: unknown }).shows).toEqual([{ childId: 'demo-child-03', name: '陈一诺' }]);
  // another class's family does not
  expect(failure(await env.api('parent-b', 'posts.get', { postId: created.postId, childId: OTHER.childId }))?.code).toBe('FORBIDDEN');
});

test('a family replies and likes; the teacher gets it in the inbox and answers; each family sees only its own thread', async () => {
  const { postId } = await ok(env, DEMO.teacher, 'posts.create', { classId: CLASS, tag: 'festival', text: '中秋节快乐！孩子们一起做了月饼。', photos: [] });
  const liked = await ok(env, DEMO.parent, 'posts.like', { postId, childId: CHILD, liked: true });
  expect(liked).toEqual({ likes: 1, liked: true });
  expect(await ok(env, DEMO.parent, 'posts.like', { postId, childId: CHILD, liked: true })).toEqual({ likes: 1, liked: true });
  await ok(env, DEMO.parent, 'replies.create', { postId, childId: CHILD, text: '谢谢老师，孩子回家说很开心！' });
  await ok(env, DEMO.guardian, 'replies.create', { postId, childId: 'demo-child-02', text: '外婆也谢谢老师' });

  const inbox = await ok(env, DEMO.teacher, 'inbox.list', {});
  const note = inbox.items.find((i) => i.title === '林小禾的家长留言了');
  expect(note).toMatchObject({ body: '林小禾的妈妈：谢谢老师，孩子回家说很开心！', page: `areas/growth/pages/post/index?id=${postId}&childId=${CHILD}` });

  await ok(env, DEMO.teacher, 'replies.create', { postId, childId: CHILD, text: '小禾做的月饼最圆！' });
  const parentInbox = await ok(env, DEMO.parent, 'inbox.list', {});
  expect(parentInbox.items.some((i) => i.title === '老师回复了您的留言')).toBe(true);

  const detail = await ok(env, DEMO.parent, 'posts.get', { postId, childId: CHILD });
  expect(detail.thread?.replies.map((r) => r.text)).toEqual(['谢谢老师，孩子回家说很开心！', '小禾做的月饼最圆！']);
  expect(JSON.stringify(detail)).not.toContain('外婆也谢谢老师');
  const list = await ok(env, DEMO.teacher, 'posts.list', {});
  const threads = list.posts.find((p) => p.id === postId)!.threads;
  expect(threads).toEqual(
    expect.arrayContaining([
      { childId: CHILD, childName: '林小禾', messages: 2, waiting: false },
      { childId: 'demo-child-02', childName: '周子墨', messages: 1, waiting: true },
    ]),
  );
  // a reply to a post the caller cannot see
  const foreign = await env.api('parent-b', 'replies.create', { postId, childId: OTHER.childId, text: '你好' });
  expect(failure(foreign)?.code).toBe('FORBIDDEN');
  expect(await count(env, 'growthReplies', { childId: OTHER.childId })).toBe(0);
  // risky text is refused, nothing stored
  const risky = await env.api(DEMO.parent, 'replies.create', { postId, childId: CHILD, text: '加微信领红包' });
  expect(failure(risky)?.code).toBe('INVALID_INPUT');
  expect(await count(env, 'growthReplies', { postId, childId: CHILD })).toBe(2);
});

test('removing a post removes its photos, messages and likes', async () => {
  const fileIDs = await uploadAs(env, DEMO.teacher, { childId: CHILD }, [png(4)]);
  const { postId } = await ok(env, DEMO.teacher, 'posts.create', { childId: CHILD, tag: 'life', text: '午饭吃得很香。', photos: fileIDs });
  await ok(env, DEMO.parent, 'posts.like', { postId, childId: CHILD, liked: true });
  await ok(env, DEMO.parent, 'replies.create', { postId, childId: CHILD, text: '谢谢老师' });
  expect(failure(await env.api(DEMO.parent, 'posts.remove', { postId }))?.code).toBe('FORBIDDEN');
  expect(await ok(env, DEMO.teacher, 'posts.remove', { postId })).toEqual({ removed: true, files: 1 });
  expect((await env.app.getTempFileURL({ fileList: fileIDs })).fileList[0].code).toBe('STORAGE_FILE_NONEXIST');
  for (const c of ['growthPosts', 'growthReplies', 'growthLikes', 'growthUploads'])
    expect(await count(env, c, c === 'growthPosts' ? { _id: postId } : { postId })).toBe(0);
});

test('a text the content check wants looked at is held until a teacher of the class publishes it', async () => {
  const held = await ok(env, DEMO.teacher, 'posts.create', { childId: CHILD, tag: 'life', text: '今天课间有同学打架，小禾去劝开了。', photos: [] });
  expect(held.status).toBe('held');
  const home = await ok(env, DEMO.parent, 'parent.home', {});
  expect(home.posts.map((p) => p.id)).not.toContain(held.postId);
  expect(failure(await env.api(DEMO.parent, 'posts.get', { postId: held.postId, childId: CHILD }))?.code).toBe('FORBIDDEN');
  await ok(env, DEMO.teacher, 'posts.publish', { postId: held.postId });
  expect((await ok(env, DEMO.parent, 'parent.home', {})).posts.map((p) => p.id)).toContain(held.postId);
});

test('the parent home is one call with a bounded number of database requests and a small depth', async () => {
  // Measured warm: on a first call, code loading in this process can delay a request of a parallel batch past
  // another's answer, which the emulator then counts as waiting on it.
  await measured(env, DEMO.parent, 'parent.home', {});
  const res = await measured(env, DEMO.parent, 'parent.home', {});
  expect(res.body.ok).toBe(true);
  expect({ requests: res.requests <= 24, depth: res.depth, bytes: res.bytes < 20000 }).toEqual({ requests: true, depth: 3, bytes: true });
});

test("a child's deletion takes their photos out of cloud storage too, and leaves the class's photos", async () => {
  const CHILD2 = 'demo-child-02';
  const own = await uploadAs(env, DEMO.teacher, { childId: CHILD2 }, [png(7), png(8)]);
  await ok(env, DEMO.teacher, 'posts.create', { childId: CHILD2, tag: 'life', text: '画了一幅画。', photos: own });
  const unused = await uploadAs(env, DEMO.teacher, { childId: CHILD2 }, [png(9)]);
  const [classPhoto] = await uploadAs(env, DEMO.teacher, { classId: 'demo-class-3-1' }, [png(10)]);
  const stored = async (ids: string[]) => (await env.app.getTempFileURL({ fileList: ids })).fileList.map((f) => f.code);
  expect(await stored([...own, ...unused, classPhoto])).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS']);
  const name = ((await env.app.database().collection('children').doc(CHILD2).get()).data[0] as { name: string }).name;
  await ok(env, DEMO.admin, 'children.purge', { childId: CHILD2, confirmName: name });
  expect(await stored([...own, ...unused])).toEqual(['STORAGE_FILE_NONEXIST', 'STORAGE_FILE_NONEXIST', 'STORAGE_FILE_NONEXIST']);
  expect(await stored([classPhoto])).toEqual(['SUCCESS']);
  expect(await count(env, 'growthUploads', { childId: CHILD2 })).toBe(0);
});

test("a child who moved class sees the new class's posts on the home, not the old class's (the family's binding still names the old one)", async () => {
  const created = await ok(env, DEMO.teacher, 'posts.create', { classId: CLASS, tag: 'activity', text: '旧班的班级活动', photos: [] });
  const texts = async () => (await ok(env, DEMO.parent, 'parent.home', {})).posts.map((p) => p.text);
  expect(await texts()).toContain('旧班的班级活动');
  const children = env.app.database().collection('children');
  await children.doc(CHILD).update({ classId: 'demo-class-3-2' });
  try {
    const home = await ok(env, DEMO.parent, 'parent.home', {});
    expect(home.posts.map((p) => p.id)).not.toContain(created.postId);
    expect(home.child.className).toBe('三年级(2)班');
  } finally {
    await children.doc(CHILD).update({ classId: CLASS });
  }
});
