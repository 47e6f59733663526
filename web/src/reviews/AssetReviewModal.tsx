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

/**
 * "Review Image" / "Review Narration" / "Review Background Score": the candidate beside the
 * asset in use (kept when the candidate is rejected), then Reject or Accept.
 */
export function AssetReviewModal({
  title,
  media,
  noun,
  subject,
  review: reviewRef,
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
  onDecide: (decision: Decision) => Promise<readonly UserErrorView[]>;
  onClose: () => void;
}) {
  const review = getFragmentData(AssetReviewFragment, reviewRef);
  return (
    <DecisionModal title={title} onClose={onClose} onDecide={onDecide} wide={media === 'image'}>
      {subject && <p className="review__subject">{subject}</p>}
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
