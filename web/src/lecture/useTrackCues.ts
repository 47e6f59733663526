import { useCallback, useEffect, useState } from 'react';

/** One cue of a loaded text track, in timeline seconds. */
export interface TrackCue {
  startTime: number;
  endTime: number;
  text: string;
}

/**
 * The cues of a `<track>` element, once the browser has loaded and parsed its file (the
 * browser's own WebVTT parser: no hand-written one). `undefined` until loaded, or when there is
 * no track; `fileId` names the file so a new one is read again. The track is put in `hidden`
 * mode so it loads without the (audio-only) element rendering it.
 */
export function useTrackCues(fileId: string | undefined): [(element: HTMLTrackElement | null) => void, TrackCue[] | undefined] {
  const [element, setElement] = useState<HTMLTrackElement | null>(null);
  const [cues, setCues] = useState<TrackCue[] | undefined>(undefined);
  const ref = useCallback((next: HTMLTrackElement | null) => setElement(next), []);

  useEffect(() => {
    setCues(undefined);
    if (!element || fileId === undefined) return;
    const read = () => {
      const list = element.track.cues;
      if (!list) return;
      setCues(
        Array.from(list).map((cue) => ({
          startTime: cue.startTime,
          endTime: cue.endTime,
          text: cue instanceof VTTCue ? cue.text : '',
        })),
      );
    };
    element.track.mode = 'hidden';
    element.addEventListener('load', read);
    if (element.readyState === HTMLTrackElement.LOADED) read();
    return () => element.removeEventListener('load', read);
  }, [element, fileId]);

  return [ref, cues];
}
