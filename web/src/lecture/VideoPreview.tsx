import { useEffect, useRef, useState } from 'react';

import { getFragmentData, graphql } from '../gql';
import type { FragmentType } from '../gql';
import type { UserErrorView } from '../transport/userErrors';
import { Button } from '../ui/Button';
import { SubtitlesButton } from './SubtitlesButton';
import { useTrackCues } from './useTrackCues';

export const VideoPreviewFragment = graphql(`
  fragment VideoPreview_lecture on Lecture {
    narrations {
      segment
    }
    timeline {
      tracks {
        slot
        kind
        label
        file {
          id
          url
        }
      }
      durationSeconds
      musicVolume
      music {
        url
      }
      segments {
        number
        text
        startSeconds
        endSeconds
        narration {
          url
        }
        images {
          startSeconds
          endSeconds
          image {
            id
            url
          }
        }
      }
    }
  }
`);

const clock = (seconds: number) => {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
};

/**
 * The timeline played in the browser: each segment's narration in turn, its pictures in
 * sequence on screen, the score underneath at the configured volume. `playFromStart` is set
 * when a new video has just been made: it plays from the top, then `onPlayStarted` clears it.
 */
export function VideoPreview({
  lecture: lectureRef,
  playFromStart,
  onPlayStarted,
  onGenerateSubtitles,
}: {
  lecture: FragmentType<typeof VideoPreviewFragment>;
  playFromStart: boolean;
  onPlayStarted: () => void;
  onGenerateSubtitles: () => Promise<readonly UserErrorView[]>;
}) {
  const { timeline, narrations } = getFragmentData(VideoPreviewFragment, lectureRef);
  const subtitlesButton = (
    <SubtitlesButton
      onGenerate={onGenerateSubtitles}
      unavailable={
        timeline && narrations.length > 0
          ? null
          : 'Subtitles follow the narration: generate the full video first.'
      }
    />
  );
  // The subtitles in use play along the score's <audio> (it spans the whole timeline); the
  // browser parses their WebVTT and the overlay shows the cue at the playback position.
  const subtitles = timeline?.tracks.find((track) => track.kind === 'subtitles' || track.kind === 'captions');
  const [trackRef, cues] = useTrackCues(subtitles?.file.id);
  const narration = useRef<HTMLAudioElement>(null);
  const score = useRef<HTMLAudioElement>(null);
  const [segmentIndex, setSegmentIndex] = useState(0);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const segments = timeline?.segments ?? [];
  const segment = segments[segmentIndex];
  const images = segments.flatMap((s) => s.images);
  const shown = images.find((picture) => time >= picture.startSeconds && time < picture.endSeconds) ?? images[0];

  const playFrom = (index: number, offset: number) => {
    const next = segments[index];
    if (!next) return;
    setSegmentIndex(index);
    setTime(next.startSeconds + offset);
    setPlaying(true);
    if (score.current) score.current.currentTime = next.startSeconds + offset;
    pendingOffset.current = offset;
  };
  const pendingOffset = useRef<number | null>(null);

  // Play or pause both tracks; a new segment's narration starts where it should.
  useEffect(() => {
    const voice = narration.current;
    const music = score.current;
    if (!voice || !music || !timeline) return;
    music.volume = Math.min(1, Math.max(0, timeline.musicVolume));
    if (playing) {
      if (pendingOffset.current !== null) {
        voice.currentTime = pendingOffset.current;
        pendingOffset.current = null;
      }
      void voice.play().catch(() => setPlaying(false));
      void music.play().catch(() => undefined);
    } else {
      voice.pause();
      music.pause();
    }
  }, [playing, segmentIndex, timeline]);

  // A new video: back to the top, and play it.
  useEffect(() => {
    if (!playFromStart || !timeline) return;
    onPlayStarted();
    playFrom(0, 0);
  });

  if (!timeline || !segment) {
    return (
      <section className="preview preview--empty" aria-label="Video preview">
        <p className="muted">The video appears here once “Generate Full Video” has finished.</p>
        {subtitlesButton}
      </section>
    );
  }

  const cue = cues?.find((c) => time >= c.startTime && time < c.endTime);
  const caption = cues ? (cue?.text ?? '') : segment.text;

  const onTimeUpdate = () => {
    const voice = narration.current;
    if (voice) setTime(segment.startSeconds + voice.currentTime);
  };
  const onEnded = () => {
    if (segmentIndex + 1 < segments.length) playFrom(segmentIndex + 1, 0);
    else {
      setPlaying(false);
      setSegmentIndex(0);
      setTime(0);
      pendingOffset.current = 0;
      if (score.current) score.current.currentTime = 0;
    }
  };
  const seek = (to: number) => {
    let index = 0;
    segments.forEach((s, i) => {
      if (s.startSeconds <= to) index = i;
    });
    const target = segments[index];
    if (!target) return;
    setSegmentIndex(index);
    setTime(to);
    pendingOffset.current = to - target.startSeconds;
    if (score.current) score.current.currentTime = to;
    if (!playing && narration.current) {
      narration.current.currentTime = to - target.startSeconds;
      pendingOffset.current = null;
    }
  };

  return (
    <section className="preview" aria-label="Video preview">
      <div className="preview__screen">
        {shown && <img className="preview__image" src={shown.image.url} alt={`Video frame, segment ${segment.number}`} />}
        {caption && (
          <p className="preview__caption" data-testid="preview-caption" aria-live="off">
            {caption}
          </p>
        )}
      </div>
      <div className="preview__controls">
        <Button variant="primary" onClick={() => setPlaying(!playing)}>
          {playing ? 'Pause' : 'Play'}
        </Button>
        <input
          className="preview__seek"
          type="range"
          min={0}
          max={timeline.durationSeconds}
          step={0.1}
          value={Math.min(time, timeline.durationSeconds)}
          aria-label="Position"
          aria-valuetext={`${clock(time)} of ${clock(timeline.durationSeconds)}`}
          onChange={(event) => seek(Number(event.target.value))}
        />
        <span className="preview__time">
          {clock(time)} / {clock(timeline.durationSeconds)}
        </span>
        {subtitlesButton}
      </div>
      <ol className="preview__strip" aria-label="Timeline">
        {images.map((picture, index) => (
          <li
            key={`${picture.image.id}-${index}`}
            style={{ flexGrow: picture.endSeconds - picture.startSeconds }}
            className={picture === shown ? 'preview__frame preview__frame--current' : 'preview__frame'}
          >
            <button
              type="button"
              className="preview__frame-button"
              aria-label={`Jump to ${clock(picture.startSeconds)}`}
              onClick={() => seek(picture.startSeconds)}
            >
              <img src={picture.image.url} alt="" />
            </button>
          </li>
        ))}
      </ol>
      {/* The two tracks, driven by the Play button and the position slider. */}
      <audio
        ref={narration}
        src={segment.narration.url}
        preload="auto"
        aria-label="Video narration"
        onTimeUpdate={onTimeUpdate}
        onEnded={onEnded}
      />
      <audio ref={score} src={timeline.music.url} preload="auto" aria-label="Video background score">
        {subtitles && (
          <track
            key={subtitles.file.id}
            ref={trackRef}
            kind={subtitles.kind}
            label={subtitles.label}
            src={subtitles.file.url}
            default
          />
        )}
      </audio>
    </section>
  );
}
