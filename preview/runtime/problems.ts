/**
 * What the preview cannot do faithfully, said loudly: an error in the console with a marker the end-to-end tests
 * look for (a page that calls an API the preview does not have fails the run), and a red note in the frame.
 */
export const PROBLEM_MARKER = '[预览]';

type Listener = (message: string) => void;
const listeners: Listener[] = [];
export const problems: string[] = [];

export function problem(message: string): void {
  problems.push(message);
  console.error(`${PROBLEM_MARKER} ${message}`);
  for (const l of listeners) l(message);
}

export function onProblem(listener: Listener): void {
  listeners.push(listener);
}
