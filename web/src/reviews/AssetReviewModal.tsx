import { useState } from 'react';

import { getFragmentData, graphql } from '../gql';
import type { FragmentType } from '../gql';
import type { Decision } from '../gql/graphql';
import type { UserErrorView } from '../transport/userErrors';
import { DecisionModal } from './DecisionModal';

export const AssetReviewFragment = graphql(`
  fragment AssetReviewModal_review on AssetReview {
    candidate {
      id
      url
      mediaType
      width
      height
      durationSeconds
    }
    candidates {
      id
      url
    }
    previous {
      id
      url
      mediaType
      width
      height
      durationSeconds
    }
  }
`);

export type ReviewedMedia = 'image' | 'audio';

/** What a decision on a single-asset review carries besides the decision. */
export interface AssetDecisionExtras {
  feedback?: string;
  /** The candidate picked, when there are several. */
  choice?: string;
}

/**
 * "Review Image" / "Review Narration" / "Review Background Score": the candidate beside the
 * asset in use (kept when the candidate is rejected), then Reject or Accept. With several
 * candidates (image variations) the person picks one to accept, or rejects them all; with
 * `changeRoundsLeft`, they may request changes with feedback instead.
 */
export function AssetReviewModal({
  title,
  media,
  noun,
  subject,
  review: reviewRef,
  changeRoundsLeft,
  onDecide,
  onClose,
}: {
  title: string;
  media: ReviewedMedia;
  /** "image", "narration", "background score": names the players and pictures. */
  noun: string;
  /** Which one, e.g. "Segment 1, picture 2". */
  subject?: string | undefined;
  review: FragmentType<typeof AssetReviewFragment>;
  changeRoundsLeft?: number | null | undefined;
  onDecide: (decision: Decision, extras: AssetDecisionExtras) => Promise<readonly UserErrorView[]>;
  onClose: () => void;
}) {
  const review = getFragmentData(AssetReviewFragment, reviewRef);
  const [chosen, setChosen] = useState<string | null>(null);
  const several = review.candidates.length > 1;
  const picked = several && chosen !== null && review.candidates.some((c) => c.id === chosen) ? chosen : null;

  const decide = (decision: Decision, feedback?: string) =>
    onDecide(decision, {
      ...(feedback !== undefined ? { feedback } : {}),
      ...(decision === 'ACCEPT' && picked !== null ? { choice: picked } : {}),
    });

  return (
    <DecisionModal
      title={title}
      onClose={onClose}
      onDecide={decide}
      wide={media === 'image'}
      acceptDisabled={several && picked === null}
      rejectLabel={several ? 'Reject all' : 'Reject'}
      changeRoundsLeft={changeRoundsLeft}
    >
      {subject && <p className="review__subject">{subject}</p>}
      {several ? (
        <>
          <fieldset className="review__choices">
            <legend>Pick one of the {review.candidates.length} new images</legend>
            {review.candidates.map((candidate, index) => (
              <label
                key={candidate.id}
                className={`review__choice${picked === candidate.id ? ' review__choice--picked' : ''}`}
              >
                <input
                  type="radio"
                  name="review-choice"
                  value={candidate.id}
                  checked={picked === candidate.id}
                  onChange={() => setChosen(candidate.id)}
                />
                <Media media={media} url={candidate.url} label={`New ${noun} ${index + 1}`} />
                <span>Option {index + 1}</span>
              </label>
            ))}
          </fieldset>
          <figure className="review__item review__item--current-small">
            <figcaption>Current {noun}</figcaption>
            {review.previous ? (
              <Media media={media} url={review.previous.url} label={`Current ${noun}`} />
            ) : (
              <p className="review__empty">No {noun} yet</p>
            )}
          </figure>
          <p className="review__note">
            Pick one and accept it to use it; the others are discarded. Reject all to keep the current {noun}.
          </p>
        </>
      ) : (
        <>
          <div className={`review review--${media}`}>
            <figure className="review__item">
              <figcaption>Current {noun}</figcaption>
              {review.previous ? (
                <Media media={media} url={review.previous.url} label={`Current ${noun}`} />
              ) : (
                <p className="review__empty">No {noun} yet</p>
              )}
            </figure>
            <figure className="review__item review__item--candidate">
              <figcaption>New {noun}</figcaption>
              <Media media={media} url={review.candidate.url} label={`New ${noun}`} />
            </figure>
          </div>
          <p className="review__note">
            Accept to use the new {noun}. Reject to keep the current one.
          </p>
        </>
      )}
    </DecisionModal>
  );
}

function Media({ media, url, label }: { media: ReviewedMedia; url: string; label: string }) {
  return media === 'image' ? (
    <img className="review__image" src={url} alt={label} />
  ) : (
    <audio className="review__audio" src={url} controls preload="metadata" aria-label={label} />
  );
}
