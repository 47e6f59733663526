/**
 * Adapter until the API lists lectures (`lectures(first, after)`): the lectures this browser has
 * created or opened, kept in localStorage.
 */
export interface LectureEntry {
  id: string;
  title: string;
}

const KEY = 'agent-progress.lectures';

export function knownLectures(): LectureEntry[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(stored)
      ? stored.filter(
          (entry): entry is LectureEntry =>
            typeof entry === 'object' && entry !== null && typeof entry.id === 'string' && typeof entry.title === 'string',
        )
      : [];
  } catch {
    return [];
  }
}

export function rememberLecture(entry: LectureEntry): LectureEntry[] {
  const others = knownLectures().filter((known) => known.id !== entry.id);
  const next = [entry, ...others].slice(0, 50);
  localStorage.setItem(KEY, JSON.stringify(next));
  return next;
}
