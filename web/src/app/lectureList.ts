import { useCallback, useEffect, useState } from 'react';

import { request } from '../transport/http';
import { LecturesQuery } from '../transport/operations';

export interface LectureEntry {
  id: string;
  title: string;
}

/** How many lectures the picker lists (newest first). */
const LISTED = 100;

/** The lecture picker's list: the viewer's lectures, newest first; `reload` after creating one. */
export function useLectureList(): { lectures: readonly LectureEntry[] | null; reload: () => void } {
  const [lectures, setLectures] = useState<readonly LectureEntry[] | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    request(LecturesQuery, { first: LISTED, after: null }).then(
      (data) => current && setLectures(data.lectures.nodes),
      () => current && setLectures((known) => known ?? []),
    );
    return () => {
      current = false;
    };
  }, [generation]);
  const reload = useCallback(() => setGeneration((count) => count + 1), []);
  return { lectures, reload };
}
