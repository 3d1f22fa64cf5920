/** The pages keep their own copy of the archive's Chinese labels (they may not import server code); both must agree. */
import * as server from '../../cloudfunctions/core/archive/labels';
import * as pages from '../../miniprogram/services/archive-labels';

test.each(['GENDER_LABELS', 'LEFT_BEHIND_LABELS', 'DIFFICULTY_LABELS', 'VULNERABLE_LABELS', 'PROXY_LABELS'] as const)('%s are the same on the server and in the pages', (name) => {
  expect(pages[name]).toEqual(server[name]);
});
