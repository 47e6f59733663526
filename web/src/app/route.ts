import { useCallback, useEffect, useState } from 'react';

/** `/lectures/<id>` selects a lecture; the address survives a reload. */
const PATTERN = /^\/lectures\/([^/]+)\/?$/;

function lectureIdOf(path: string): string | null {
  const match = PATTERN.exec(path);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export function useLectureRoute(): [string | null, (id: string) => void] {
  const [lectureId, setLectureId] = useState(() => lectureIdOf(window.location.pathname));
  useEffect(() => {
    const onPop = () => setLectureId(lectureIdOf(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const select = useCallback((id: string) => {
    const path = `/lectures/${encodeURIComponent(id)}`;
    if (window.location.pathname !== path) window.history.pushState(null, '', path);
    setLectureId(id);
  }, []);
  return [lectureId, select];
}
