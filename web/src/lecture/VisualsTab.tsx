import { useState } from 'react';

import { getFragmentData, graphql } from '../gql';
import type { FragmentType } from '../gql';
import type { VisualsTab_LectureFragment } from '../gql/graphql';
import type { UserErrorView } from '../transport/userErrors';
import { Button } from '../ui/Button';

export const VisualsTabFragment = graphql(`
  fragment VisualsTab_lecture on Lecture {
    images {
      slot
      segment
      position
      image {
        id
        url
      }
    }
  }
`);

interface Slot {
  slot: string;
  label: string;
  url: string | null;
}

/** The cover (an empty card until it has a picture), then every segment picture in use. */
function slotsOf(lecture: VisualsTab_LectureFragment): Slot[] {
  const slots = lecture.images.map((picture) => ({
    slot: picture.slot,
    label: picture.segment == null ? 'Cover' : `Segment ${picture.segment}, picture ${picture.position ?? 1}`,
    url: picture.image.url,
  }));
  return slots.some((slot) => slot.slot === 'cover') ? slots : [{ slot: 'cover', label: 'Cover', url: null }, ...slots];
}

/** The lecture's pictures, one card per slot, each with "Generate Image". */
export function VisualsTab({
  lecture: lectureRef,
  onGenerate,
}: {
  lecture: FragmentType<typeof VisualsTabFragment>;
  onGenerate: (slot: string, prompt: string, variations: number) => Promise<readonly UserErrorView[]>;
}) {
  const lecture = getFragmentData(VisualsTabFragment, lectureRef);
  const [prompt, setPrompt] = useState('');
  const [variations, setVariations] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState<string | null>(null);

  const generate = async (slot: string) => {
    setSending(slot);
    setError(null);
    try {
      const refusals = await onGenerate(slot, prompt.trim(), variations);
      if (refusals.length > 0) setError(refusals.map((refusal) => refusal.message).join(' '));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The generation could not be started.');
    } finally {
      setSending(null);
    }
  };

  return (
    <div className="tab-content">
      <div className="field field--inline">
        <label htmlFor="image-prompt" className="field__label">
          Image prompt
        </label>
        <input
          id="image-prompt"
          type="text"
          value={prompt}
          placeholder="Leave empty to use the lecture’s prompt"
          onChange={(event) => setPrompt(event.target.value)}
        />
      </div>
      <div className="field field--inline">
        <label htmlFor="image-variations" className="field__label">
          Variations
        </label>
        <select
          id="image-variations"
          value={variations}
          onChange={(event) => setVariations(Number(event.target.value))}
        >
          <option value={1}>1 image</option>
          <option value={2}>2 images to choose from</option>
          <option value={3}>3 images to choose from</option>
          <option value={4}>4 images to choose from</option>
        </select>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="slots">
        {slotsOf(lecture).map((slot) => (
          <li key={slot.slot} className="slot" data-slot={slot.slot}>
            {slot.url ? (
              <img className="slot__image" src={slot.url} alt={`${slot.slot} image`} />
            ) : (
              <div className="slot__empty">No image yet</div>
            )}
            <div className="slot__footer">
              <span className="slot__label">{slot.label}</span>
              <Button variant="secondary" disabled={sending === slot.slot} onClick={() => void generate(slot.slot)}>
                Generate Image
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
