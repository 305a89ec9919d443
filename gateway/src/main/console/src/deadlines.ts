/**
 * Deadline colours (console.md): red when overdue, amber when due within 3 working days, green otherwise. Working days
 * here are Monday to Friday: the holiday table (GET /api/v1/calendar/holidays) is for administrators only, and the
 * services flag the statutory deadlines themselves (flags.overdue), which the red always follows.
 */
export type DueLevel = 'overdue' | 'soon' | 'ok' | 'none';

const DAY = 86_400_000;

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** The end of the n-th working day after today (today itself counts when n is 0). */
function endOfWorkingDay(now: Date, n: number): number {
  let day = startOfDay(now);
  let counted = 0;
  while (counted < n) {
    day += DAY;
    const weekday = new Date(day).getDay();
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return day + DAY - 1;
}

export function dueLevel(dueAt: string | null | undefined, overdue: boolean | undefined, now = new Date()): DueLevel {
  if (overdue) return 'overdue';
  if (!dueAt) return 'none';
  const due = new Date(dueAt).getTime();
  if (due < now.getTime()) return 'overdue';
  return due <= endOfWorkingDay(now, 3) ? 'soon' : 'ok';
}

/** The workbench's counts: due today, due within the next 3 days, overdue. */
export function dueCounts(items: { dueAt?: string | null; flags?: { overdue?: boolean } }[], now = new Date()) {
  const today = startOfDay(now);
  let dueToday = 0;
  let dueIn3 = 0;
  let overdue = 0;
  for (const item of items) {
    if (dueLevel(item.dueAt, item.flags?.overdue, now) === 'overdue') {
      overdue++;
      continue;
    }
    if (!item.dueAt) continue;
    const day = startOfDay(new Date(item.dueAt));
    if (day === today) dueToday++;
    else if (day > today && day <= today + 3 * DAY) dueIn3++;
  }
  return { dueToday, dueIn3, overdue };
}
