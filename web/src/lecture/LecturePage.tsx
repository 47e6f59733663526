import { useEffect, useMemo, useRef, useState } from 'react';

import { getFragmentData, graphql } from '../gql';
import { AgentProgress } from '../progress/AgentProgress';
import { PanelActionsProvider } from '../progress/PanelActions';
import type { PanelActions } from '../progress/PanelActions';
import { useLectureRuns } from '../transport/useLectureRuns';
import { Tabs } from '../ui/Tabs';
import { AudioTab } from './AudioTab';
import { ConfigurationTab } from './ConfigurationTab';
import { PromptBox } from './PromptBox';
import { VideoPreview } from './VideoPreview';
import { VisualsTab } from './VisualsTab';

export const LecturePageFragment = graphql(`
  fragment LecturePage_lecture on Lecture {
    id
    title
    prompt
    timeline {
      durationSeconds
      music {
        id
      }
    }
    ...ConfigurationTab_lecture
    ...VisualsTab_lecture
    ...AudioTab_lecture
    ...VideoPreview_lecture
  }
`);

type TabKey = 'configuration' | 'visuals' | 'audio' | 'video';
const tabs = [
  { key: 'configuration', label: 'Configuration' },
  { key: 'visuals', label: 'Visuals' },
  { key: 'audio', label: 'Audio' },
  { key: 'video', label: 'Video preview' },
] as const satisfies readonly { key: TabKey; label: string }[];

/** One lecture: its tabs on the left, the Agent Progress area and the prompt box on the right. */
export function LecturePage({ lectureId, onTitle }: { lectureId: string; onTitle: (title: string) => void }) {
  const live = useLectureRuns(lectureId);
  const { actions } = live;
  const [tab, setTab] = useState<TabKey>('configuration');
  const [playNewVideo, setPlayNewVideo] = useState(false);
  const lecture = live.lecture ? getFragmentData(LecturePageFragment, live.lecture) : live.lecture;

  useEffect(() => {
    if (lecture) onTitle(lecture.title);
  }, [lecture, onTitle]);

  // A new timeline while watching (a full video just finished): open the preview and play it.
  const timelineKey = lecture?.timeline ? `${lecture.timeline.music.id}:${lecture.timeline.durationSeconds}` : null;
  const seenTimeline = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (lecture === undefined) return;
    if (seenTimeline.current !== undefined && timelineKey !== null && timelineKey !== seenTimeline.current) {
      setTab('video');
      setPlayNewVideo(true);
    }
    seenTimeline.current = timelineKey;
  }, [lecture, timelineKey]);

  const panelActions = useMemo<PanelActions>(
    () => ({
      decide: actions.decide,
      cancelRun: actions.cancelRun,
      rerunRun: actions.rerunRun,
      retryRun: actions.retryRun,
      openVideoPreview: () => setTab('video'),
    }),
    [actions],
  );

  if (lecture === null) {
    return (
      <main className="lecture-missing">
        <p>This lecture does not exist, or it is not yours.</p>
      </main>
    );
  }

  return (
    <PanelActionsProvider value={panelActions}>
      <main className="lecture">
        <div className="lecture__main">
          <h1 className="lecture__title">{lecture?.title ?? 'Loading…'}</h1>
          {live.error && (
            <p className="form-error" role="alert">
              {live.error}
            </p>
          )}
          {lecture && (
            <Tabs label="Lecture" tabs={tabs} selected={tab} onSelect={setTab}>
              {tab === 'configuration' && <ConfigurationTab lecture={lecture} onSave={actions.saveConfiguration} />}
              {tab === 'visuals' && (
                <VisualsTab
                  lecture={lecture}
                  onGenerate={(slot, prompt, variations) => actions.startRun({ image: { slot, prompt, variations } })}
                />
              )}
              {tab === 'audio' && (
                <AudioTab
                  lecture={lecture}
                  onGenerateNarration={(segment) => actions.startRun({ narration: { segment } })}
                  onGenerateScore={() => actions.startRun({ backgroundScore: {} })}
                />
              )}
              {tab === 'video' && (
                <VideoPreview
                  lecture={lecture}
                  playFromStart={playNewVideo}
                  onPlayStarted={() => setPlayNewVideo(false)}
                  onGenerateSubtitles={() => actions.startRun({ subtitles: {} })}
                />
              )}
            </Tabs>
          )}
        </div>
        <AgentProgress
          runs={live.runs.map((run) => ({ id: run.id, block: run }))}
          connection={live.connection}
          loading={!live.runsLoaded}
          hasEarlierRuns={live.hasEarlierRuns}
          onLoadEarlierRuns={() => void actions.loadEarlierRuns()}
          footer={
            <PromptBox
              onStart={actions.startRunFromPrompt}
              onGenerateFullVideo={(prompt) =>
                actions.startRun({ fullVideo: { prompt: prompt || lecture?.prompt || lecture?.title || '' } })
              }
            />
          }
        />
      </main>
    </PanelActionsProvider>
  );
}
