import { useState } from 'react';

import { getFragmentData, graphql } from '../gql';
import type { FragmentType } from '../gql';
import type { UserErrorView } from '../transport/userErrors';
import { Button } from '../ui/Button';

export const AudioTabFragment = graphql(`
  fragment AudioTab_lecture on Lecture {
    score {
      id
      url
    }
    narrations {
      segment
      audio {
        id
        url
      }
    }
    timeline {
      segments {
        number
        text
      }
    }
  }
`);

/** Narration per segment and the background score, each with a player and a generate button. */
export function AudioTab({
  lecture: lectureRef,
  onGenerateNarration,
  onGenerateScore,
}: {
  lecture: FragmentType<typeof AudioTabFragment>;
  onGenerateNarration: (segment: number) => Promise<readonly UserErrorView[]>;
  onGenerateScore: () => Promise<readonly UserErrorView[]>;
}) {
  const lecture = getFragmentData(AudioTabFragment, lectureRef);
  const [error, setError] = useState<string | null>(null);
  const words = new Map((lecture.timeline?.segments ?? []).map((segment) => [segment.number, segment.text]));

  const run = async (start: () => Promise<readonly UserErrorView[]>) => {
    setError(null);
    try {
      const refusals = await start();
      if (refusals.length > 0) setError(refusals.map((refusal) => refusal.message).join(' '));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The generation could not be started.');
    }
  };

  return (
    <div className="tab-content">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <section className="audio-section" aria-labelledby="narration-heading">
        <h3 id="narration-heading">Narration</h3>
        {lecture.narrations.length === 0 && (
          <p className="muted">Narration appears here once a full video has been generated.</p>
        )}
        <ol className="audio-list">
          {lecture.narrations.map(({ segment, audio }) => (
            <li key={segment} className="audio-item">
              <div className="audio-item__text">
                <strong>Segment {segment}</strong>
                <span className="muted">{words.get(segment)}</span>
              </div>
              <audio controls preload="metadata" src={audio.url} aria-label={`Narration segment ${segment}`} />
              <Button variant="secondary" onClick={() => void run(() => onGenerateNarration(segment))}>
                Generate Narration
              </Button>
            </li>
          ))}
        </ol>
      </section>
      <section className="audio-section" aria-labelledby="score-heading">
        <h3 id="score-heading">Background score</h3>
        <div className="audio-item audio-item--score">
          {lecture.score ? (
            <audio controls preload="metadata" src={lecture.score.url} aria-label="Background score" />
          ) : (
            <p className="muted">No background score yet.</p>
          )}
          <Button variant="secondary" onClick={() => void run(onGenerateScore)}>
            Generate Background Score
          </Button>
        </div>
      </section>
    </div>
  );
}
