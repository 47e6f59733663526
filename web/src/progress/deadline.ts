/**
 * A pending review's deadline (`expiresAt`) in plain words: "Answer by Sat 28 Nov, 16:41 (in 23
 * hours); after that the workflow stops." Hand-written: it is one sentence, and Intl formats the
 * date and the relative time.
 */
export function deadlineInWords(expiresAt: string, now: Date = new Date()): string {
  const deadline = new Date(expiresAt);
  const left = deadline.getTime() - now.getTime();
  if (Number.isNaN(left)) return '';
  if (left <= 0) return 'The time to answer has passed; the workflow is stopping.';
  const when = new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(deadline);
  return `Answer by ${when} (${relative(left)}); after that the workflow stops.`;
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

function relative(milliseconds: number): string {
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'always' });
  for (const [unit, size] of UNITS) {
    if (milliseconds >= size) return format.format(Math.floor(milliseconds / size), unit);
  }
  return 'in less than a minute';
}
