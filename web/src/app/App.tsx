import { useCallback, useEffect, useState } from 'react';

import { LecturePage } from '../lecture/LecturePage';
import { Button } from '../ui/Button';
import { fetchAuthMode, onUnauthorized, tokenStore } from './auth';
import type { AuthMode } from './auth';
import { knownLectures, rememberLecture } from './lectureList';
import type { LectureEntry } from './lectureList';
import { NewLectureModal } from './NewLectureModal';
import { useLectureRoute } from './route';
import { TokenPrompt } from './TokenPrompt';

/** The page: in tokens mode a token first, then the lecture picker and the chosen lecture. */
export function App() {
  const [mode, setMode] = useState<AuthMode | null>(null);
  const [hasToken, setHasToken] = useState(() => tokenStore.get() !== null);
  const [refused, setRefused] = useState(false);

  useEffect(() => {
    void fetchAuthMode().then(setMode);
  }, []);
  useEffect(
    () =>
      onUnauthorized(() => {
        setHasToken(false);
        setRefused(true);
      }),
    [],
  );

  if (mode === null) return null;
  if (mode === 'tokens' && !hasToken) {
    return (
      <TokenPrompt
        refused={refused}
        onToken={() => {
          setHasToken(true);
          setRefused(false);
        }}
      />
    );
  }
  return <Studio />;
}

function Studio() {
  const [lectureId, selectLecture] = useLectureRoute();
  const [lectures, setLectures] = useState<LectureEntry[]>(knownLectures);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const first = lectures[0];
    if (lectureId === null && first) selectLecture(first.id);
  }, [lectureId, lectures, selectLecture]);

  const onTitle = useCallback(
    (title: string) => {
      if (lectureId) setLectures(rememberLecture({ id: lectureId, title }));
    },
    [lectureId],
  );

  const options = lectureId && !lectures.some((l) => l.id === lectureId) ? [{ id: lectureId, title: 'This lecture' }, ...lectures] : lectures;

  return (
    <div className="studio">
      <header className="topbar">
        <span className="topbar__brand">Lecture Studio</span>
        <div className="topbar__picker">
          <label htmlFor="lecture-picker" className="topbar__label">
            Lecture
          </label>
          <select
            id="lecture-picker"
            value={lectureId ?? ''}
            onChange={(event) => event.target.value && selectLecture(event.target.value)}
          >
            {lectureId === null && <option value="">Choose a lecture</option>}
            {options.map((lecture) => (
              <option key={lecture.id} value={lecture.id}>
                {lecture.title}
              </option>
            ))}
          </select>
          <Button variant="secondary" onClick={() => setCreating(true)}>
            New lecture
          </Button>
        </div>
      </header>
      {lectureId ? (
        <LecturePage key={lectureId} lectureId={lectureId} onTitle={onTitle} />
      ) : (
        <main className="welcome">
          <h1>Make a video lecture</h1>
          <p>Create a lecture, describe what you want, and watch the agent work.</p>
          <Button variant="primary" onClick={() => setCreating(true)}>
            New lecture
          </Button>
        </main>
      )}
      {creating && (
        <NewLectureModal
          onClose={() => setCreating(false)}
          onCreated={(lecture) => {
            setLectures(rememberLecture(lecture));
            setCreating(false);
            selectLecture(lecture.id);
          }}
        />
      )}
    </div>
  );
}
