export const TASK_STATUSES = ['open', 'in_progress', 'done', 'archived'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const MOVES: Record<TaskStatus, readonly TaskStatus[]> = {
  open: ['in_progress', 'done', 'archived'],
  in_progress: ['open', 'done', 'archived'],
  done: ['open', 'archived'],
  archived: ['open'],
};

/** The statuses a task may move to next (the design's status machine). */
export function nextStatuses(from: TaskStatus): readonly TaskStatus[] {
  return MOVES[from];
}

export function canMove(from: TaskStatus, to: TaskStatus): boolean {
  return MOVES[from].includes(to);
}
