import { useEffect, useState } from 'react';

import { LecturePage } from '../lecture/LecturePage';
import { Button } from '../ui/Button';
import { fetchAuthMode, onUnauthorized, tokenStore } from './auth';
import type { AuthMode } from './auth';
import { useLectureList } from './lectureList';
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
  const { lectures, reload } = useLectureList();
  const [creating, setCreating] = useState(false);
  const [openedTitle, setOpenedTitle] = useState<string | null>(null);

  // No lecture in the address: open the newest one.
  useEffect(() => {
    const newest = lectures?.[0];
    if (lectureId === null && newest) selectLecture(newest.id);
  }, [lectureId, lectures, selectLecture]);

  const known = lectures ?? [];
  // A lecture opened by its address but not among the listed ones still gets its option.
  const options =
    lectureId && !known.some((l) => l.id === lectureId)
      ? [{ id: lectureId, title: openedTitle ?? 'This lecture' }, ...known]
      : known;

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
        <LecturePage key={lectureId} lectureId={lectureId} onTitle={setOpenedTitle} />
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
            reload();
            setCreating(false);
            selectLecture(lecture.id);
          }}
        />
      )}
    </div>
  );
}
