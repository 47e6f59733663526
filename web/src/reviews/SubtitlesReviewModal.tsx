import { useRef, useState } from 'react';

import { getFragmentData, graphql } from '../gql';
import type { FragmentType } from '../gql';
import type { Decision, SubtitleCueEdit, SubtitlesEdit } from '../gql/graphql';
import type { UserErrorView } from '../transport/userErrors';
import { DecisionModal } from './DecisionModal';

export const SubtitlesReviewFragment = graphql(`
  fragment SubtitlesReviewModal_step on SubtitlesGenerationStep {
    maxLineLength
    cues {
      number
      segment
      startSeconds
      endSeconds
      text
    }
  }
`);

/** `m:ss.s`, the precision a cue's timing is shown with. */
export const cueClock = (seconds: number) => {
  const tenths = Math.max(0, Math.round(seconds * 10));
  const minutes = Math.floor(tenths / 600);
  return `${minutes}:${((tenths % 600) / 10).toFixed(1).padStart(4, '0')}`;
};

/**
 * "Review Subtitles": every cue with its timing and an editable text. Accept sends only the
 * cues whose text changed (their timing stays); Reject keeps the subtitles in use. A refused
 * cue text shows its error under that cue and the modal stays open.
 */
export function SubtitlesReviewModal({
  title,
  step: stepRef,
  onDecide,
  onClose,
}: {
  title: string;
  step: FragmentType<typeof SubtitlesReviewFragment>;
  onDecide: (decision: Decision, edits?: SubtitlesEdit) => Promise<readonly UserErrorView[]>;
  onClose: () => void;
}) {
  const { cues, maxLineLength } = getFragmentData(SubtitlesReviewFragment, stepRef);
  const [texts, setTexts] = useState<ReadonlyMap<number, string>>(() => new Map());
  const [cueErrors, setCueErrors] = useState<ReadonlyMap<number, string>>(() => new Map());

  const edited = (): SubtitleCueEdit[] =>
    cues.flatMap((cue) => {
      const text = texts.get(cue.number);
      return text !== undefined && text.trim() !== cue.text ? [{ number: cue.number, text }] : [];
    });

  // A refusal names the edit by its index in the list sent: ["edits", "subtitles", "cues", i, …].
  const cueOf = (error: UserErrorView, sent: readonly SubtitleCueEdit[]) =>
    error.field[1] === 'subtitles' && error.field[2] === 'cues' ? sent[Number(error.field[3])]?.number : undefined;

  const sent = useRef<SubtitleCueEdit[]>([]);
  const decide = async (decision: Decision) => {
    const edits = decision === 'ACCEPT' ? edited() : [];
    sent.current = edits;
    const refusals = await onDecide(decision, edits.length > 0 ? { cues: edits } : undefined);
    const byCue = new Map<number, string>();
    for (const refusal of refusals) {
      const number = cueOf(refusal, edits);
      if (number !== undefined) byCue.set(number, refusal.message);
    }
    setCueErrors(byCue);
    return refusals;
  };

  return (
    <DecisionModal
      title={title}
      wide
      onClose={onClose}
      onDecide={decide}
      errorsShownInBody={(refusal) => cueOf(refusal, sent.current) !== undefined}
    >
      <p className="review__note">
        Edit any cue’s text; its timing stays. Lines wrap at {maxLineLength ?? 42} characters. Accept to show these
        subtitles in the video, Reject to keep the current ones.
      </p>
      <ol className="cues" aria-label="Subtitle cues">
        {cues.map((cue) => {
          const error = cueErrors.get(cue.number);
          const errorId = `cue-${cue.number}-error`;
          return (
            <li key={cue.number} className="cue">
              <label className="cue__label" htmlFor={`cue-${cue.number}`}>
                <span className="cue__number">Cue {cue.number}</span>
                <span className="cue__time muted">
                  {cueClock(cue.startSeconds)} – {cueClock(cue.endSeconds)} · segment {cue.segment}
                </span>
              </label>
              <textarea
                id={`cue-${cue.number}`}
                className="cue__text"
                rows={2}
                value={texts.get(cue.number) ?? cue.text}
                aria-label={`Cue ${cue.number} text`}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                onChange={(event) => setTexts(new Map(texts).set(cue.number, event.target.value))}
              />
              {error && (
                <p id={errorId} className="field__error" role="alert">
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </DecisionModal>
  );
}
