import { useLayoutEffect, useRef } from 'react';
import type { ReactNode } from 'react';

import type { FragmentType } from '../gql';
import type { ConnectionStatus } from '../transport/useLectureRuns';
import { Button } from '../ui/Button';
import { RunBlock } from './RunBlock';
import type { RunBlockFragment } from './RunBlock';

export interface ProgressRun {
  id: string;
  block: FragmentType<typeof RunBlockFragment>;
}

const connectionText: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

/**
 * The Agent Progress area: run blocks oldest to newest, growing downward. A new block scrolls
 * into view; while the person is at the bottom, new progress keeps it in view.
 */
export function AgentProgress({
  runs,
  connection,
  hasEarlierRuns,
  onLoadEarlierRuns,
  loading,
  footer,
}: {
  runs: readonly ProgressRun[];
  connection: ConnectionStatus;
  hasEarlierRuns: boolean;
  onLoadEarlierRuns: () => void;
  loading: boolean;
  footer: ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const newest = runs[runs.length - 1]?.id;
  const shownNewest = useRef<string | undefined>(undefined);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (newest !== shownNewest.current) {
      shownNewest.current = newest;
      const block = newest ? element.querySelector(`[data-run-id="${CSS.escape(newest)}"]`) : null;
      if (block instanceof HTMLElement) element.scrollTop = block.offsetTop - element.offsetTop - 8;
      atBottom.current = true;
      return;
    }
    if (atBottom.current) element.scrollTop = element.scrollHeight;
  });

  const onScroll = () => {
    const element = scroller.current;
    if (element) atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
  };

  return (
    <section className="agent-progress" aria-label="Agent Progress">
      <header className="agent-progress__header">
        <h2 className="agent-progress__title">Agent Progress</h2>
        <span
          className={`connection connection--${connection}`}
          data-testid="connection-state"
          role="status"
        >
          {connectionText[connection]}
        </span>
      </header>
      <div className="agent-progress__runs" ref={scroller} onScroll={onScroll}>
        {hasEarlierRuns && (
          <Button variant="quiet" className="agent-progress__earlier" onClick={onLoadEarlierRuns}>
            Show earlier runs
          </Button>
        )}
        {runs.length === 0 && !loading && (
          <p className="agent-progress__empty">
            Nothing has run on this lecture yet. Describe what you want below, or generate the full video.
          </p>
        )}
        {runs.map((run, index) => (
          <RunBlock key={run.id} run={run.block} isCurrent={index === runs.length - 1} />
        ))}
      </div>
      <footer className="agent-progress__footer">{footer}</footer>
    </section>
  );
}
