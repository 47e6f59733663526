/**
 * The live state of one lecture's panel and everything that keeps it current: the only code
 * that knows about graphql-ws, cursors and re-reads (`useLectureRuns` wraps it for React).
 *
 * - `runChanges(lectureId, after: cursor)` names the runs whose persisted state changed; the
 *   named runs are re-read in one `nodes(ids:)` request and replace their blocks in place
 *   (a block is only ever replaced by a higher `version`).
 * - Subscribing without a cursor, the first message names no runs and carries the current
 *   cursor; only then is the first page of runs read (and the lecture read again), so no
 *   change falls in between. The panel says "Live" from that message on: from then on, every
 *   change reaches it. (A socket that is merely connected is not subscribed yet.)
 * - The last cursor seen is remembered. graphql-ws reconnects with randomised exponential
 *   backoff and re-sends the subscription; its variables are read at that moment, so it
 *   resumes from the last cursor and the server replays every change missed in between
 *   (the panel is "Live" again once connected: whatever commits before the server has the
 *   subscription is after the cursor, so it is replayed).
 * - The lecture itself (configuration, assets, timeline) is re-read when a run's status or
 *   current step moves, which is when runs change what a lecture holds.
 */
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';

import { authorization, reportUnauthorized } from '../app/auth';
import { getFragmentData } from '../gql';
import type { FragmentType } from '../gql';
import type { LecturePanelQuery, LiveRunFragment } from '../gql/graphql';
import { GRAPHQL_PATH, RequestFailed, request } from './http';
import {
  LecturePanelQuery as LecturePanelDocument,
  LectureRunChangesSubscription,
  LectureRunsQuery,
  LiveRunFragment as LiveRunDocument,
  RunsByIdsQuery,
} from './operations';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting';
export type LectureData = NonNullable<LecturePanelQuery['lecture']>;

export interface LiveSnapshot {
  /** undefined while loading; null when there is no such lecture (or it is not the viewer's). */
  lecture: LectureData | null | undefined;
  /** Oldest first. */
  runs: readonly LiveRunFragment[];
  runsLoaded: boolean;
  hasEarlierRuns: boolean;
  connection: ConnectionStatus;
  error: string | null;
}

/** Runs per page, newest first; older ones load on demand ("Show earlier runs"). */
const PAGE_SIZE = 20;
/** `nodes(ids:)` takes at most this many IDs per request. */
const REREAD_BATCH = 100;

/** Randomised exponential backoff: about 0.5 s, 1 s, 2 s … capped at 15 s. */
export function backoff(retries: number): Promise<void> {
  const base = Math.min(15_000, 500 * 2 ** retries);
  const wait = base / 2 + Math.random() * (base / 2);
  return new Promise((resolve) => setTimeout(resolve, wait));
}

const FORBIDDEN = 4403;

function isCloseEvent(value: unknown): value is CloseEvent {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'number';
}

function websocketUrl(path: string): string {
  const url = new URL(path, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

const byCreation = (a: LiveRunFragment, b: LiveRunFragment) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export class LiveLecture {
  private snapshot: LiveSnapshot = {
    lecture: undefined,
    runs: [],
    runsLoaded: false,
    hasEarlierRuns: false,
    connection: 'connecting',
    error: null,
  };
  private readonly listeners = new Set<() => void>();
  private readonly runsById = new Map<string, LiveRunFragment>();
  private cursor: string | null = null;
  private earlierRuns: string | null = null;
  private readonly toReread = new Set<string>();
  private rereading = false;
  private lectureReading = false;
  private lectureStale = false;
  private initialLoad: Promise<void> | null = null;
  private client: Client | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;
  private resubscribeAttempts = 0;
  /** The credential the socket was last opened with: a 4403 refuses that one. */
  private socketCredential: string | null = null;

  constructor(private readonly lectureId: string) {}

  // ---- React's side ---------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveSnapshot => this.snapshot;

  start(): void {
    this.stopped = false;
    void this.refreshLecture();
    this.openSubscription();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    disposeQuietly(this.client);
    this.client = null;
  }

  /** The lecture as a mutation returned it (e.g. its saved configuration). */
  acceptLecture(lecture: LectureData | null | undefined): void {
    if (lecture) this.update({ lecture });
  }

  /** A run returned by a mutation: shown at once, before the subscription names it. */
  acceptRun(ref: FragmentType<typeof LiveRunDocument> | null | undefined): void {
    if (ref) this.merge([getFragmentData(LiveRunDocument, ref)]);
  }

  /** Read one run again now (e.g. after a decision was refused as stale: show what is current). */
  rereadRun = (runId: string): void => {
    this.toReread.add(runId);
    void this.reread();
  };

  refreshLecture = async (): Promise<void> => {
    if (this.lectureReading) {
      this.lectureStale = true;
      return;
    }
    this.lectureReading = true;
    try {
      do {
        this.lectureStale = false;
        const data = await request(LecturePanelDocument, { id: this.lectureId });
        if (this.stopped) return;
        this.update({ lecture: data.lecture ?? null });
        if (!data.lecture) this.stop(); // no such lecture (or not the viewer's): nothing to follow
      } while (this.lectureStale);
    } catch (error) {
      if (this.snapshot.lecture === undefined && error instanceof RequestFailed && error.reason === 'refused') {
        this.update({ lecture: null }); // e.g. an address with a malformed ID: no such lecture
        this.stop();
      } else {
        this.fail(error);
      }
    } finally {
      this.lectureReading = false;
    }
  };

  loadEarlierRuns = async (): Promise<void> => {
    if (!this.earlierRuns) return;
    try {
      await this.loadRunsPage(this.earlierRuns);
    } catch (error) {
      this.fail(error);
    }
  };

  // ---- the subscription -----------------------------------------------------------------------

  private openSubscription(): void {
    const client = createClient({
      url: websocketUrl(GRAPHQL_PATH),
      connectionParams: () => {
        const credential = authorization();
        this.socketCredential = credential;
        return credential ? { authorization: credential } : {};
      },
      retryAttempts: Number.POSITIVE_INFINITY,
      retryWait: backoff,
      shouldRetry: (problem) => {
        if (isCloseEvent(problem) && problem.code === FORBIDDEN) {
          reportUnauthorized(this.socketCredential);
          return false;
        }
        return true; // a dropped socket, a restarting server, a network blip: try again
      },
      on: {
        connecting: (isRetry) => this.update({ connection: isRetry ? 'reconnecting' : this.snapshot.connection }),
        connected: () => {
          this.resubscribeAttempts = 0;
          // Resuming from a cursor, nothing is missed from here on (see above); a first
          // subscription is live at its first message.
          if (this.cursor !== null) this.update({ connection: 'live', error: null });
        },
        closed: () => {
          if (!this.stopped) this.update({ connection: 'reconnecting' });
        },
      },
    });
    this.client = client;
    // graphql-ws re-sends this same payload after every reconnect, serialising it then: the
    // getter makes each (re)subscription carry the last cursor seen, so nothing is missed.
    const lectureId = this.lectureId;
    const live = this;
    const payload = {
      query: LectureRunChangesSubscription.toString(),
      get variables() {
        return { lectureId, after: live.cursor };
      },
    };
    this.unsubscribe = client.subscribe<{ runChanges: { runIds: string[]; cursor: string } }>(payload, {
      next: (message) => {
        const change = message.data?.runChanges;
        if (!change) return;
        this.cursor = change.cursor;
        if (this.snapshot.connection !== 'live') this.update({ connection: 'live', error: null });
        // The first message of a subscription without `after` names no runs and carries the
        // current cursor: read the runs now, and every later change arrives after it. The
        // lecture was first read before the subscription: read it again, in case a run
        // changed it in between.
        if (!this.initialLoad) {
          this.initialLoad = this.loadRunsPage(null).catch((error: unknown) => {
            this.initialLoad = null; // the next message tries again
            this.fail(error);
          });
          void this.refreshLecture();
        }
        for (const id of change.runIds) this.toReread.add(id);
        void this.reread();
      },
      error: () => this.resubscribeLater(),
      complete: () => this.resubscribeLater(),
    });
  }

  /** The server ended the subscription (or closed fatally): start over from the cursor. */
  private resubscribeLater(): void {
    if (this.stopped) return;
    this.update({ connection: 'reconnecting' });
    this.unsubscribe = null;
    disposeQuietly(this.client);
    this.client = null;
    void backoff(this.resubscribeAttempts++).then(() => {
      if (!this.stopped) this.openSubscription();
    });
  }

  // ---- reads ----------------------------------------------------------------------------------

  private async loadRunsPage(after: string | null): Promise<void> {
    const data = await request(LectureRunsQuery, { id: this.lectureId, first: PAGE_SIZE, after });
    if (this.stopped) return;
    const page = data.lecture?.runs;
    if (!page) {
      this.update({ runsLoaded: true });
      return;
    }
    if (after === null || this.earlierRuns === after) {
      this.earlierRuns = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
    }
    this.merge(page.nodes.map((node) => getFragmentData(LiveRunDocument, node)), true);
    this.update({ runsLoaded: true, hasEarlierRuns: this.earlierRuns !== null });
  }

  /** Re-read the runs the subscription named, in batches, until none is left. */
  private async reread(): Promise<void> {
    if (this.rereading) return;
    this.rereading = true;
    try {
      while (this.toReread.size > 0 && !this.stopped) {
        const ids = [...this.toReread].slice(0, REREAD_BATCH);
        for (const id of ids) this.toReread.delete(id);
        const data = await request(RunsByIdsQuery, { ids });
        const runs = data.nodes.flatMap((node) =>
          node?.__typename === 'WorkflowRun' ? [getFragmentData(LiveRunDocument, node)] : [],
        );
        if (!this.stopped) this.merge(runs);
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.rereading = false;
    }
  }

  // ---- state ----------------------------------------------------------------------------------

  /** Replace blocks by newer versions, add new ones; re-read the lecture when a run moved. */
  private merge(runs: readonly LiveRunFragment[], fromPage = false): void {
    const oldest = this.snapshot.runs[0];
    let changed = false;
    let lectureMoved = false;
    for (const run of runs) {
      const known = this.runsById.get(run.id);
      if (known && known.version >= run.version) continue;
      // A run older than the loaded window waits for "Show earlier runs".
      if (!known && !fromPage && this.earlierRuns && oldest && byCreation(run, oldest) < 0) continue;
      if (!known || known.status !== run.status || known.currentStep !== run.currentStep) lectureMoved = true;
      this.runsById.set(run.id, run);
      changed = true;
    }
    if (!changed) return;
    this.update({ runs: [...this.runsById.values()].sort(byCreation) });
    if (lectureMoved && !fromPage) void this.refreshLecture();
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    this.update({ error: error instanceof Error ? error.message : 'Something went wrong.' });
  }

  private update(change: Partial<LiveSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}

/**
 * Closes a graphql-ws client. Its `dispose()` awaits the pending connection attempt, so it
 * rejects (with the CloseEvent) when that attempt failed — e.g. a socket refused with 4403 or a
 * server that went away: there is nothing left to close then, and the rejection must not
 * surface as an unhandled error in the page.
 */
function disposeQuietly(client: Client | null): void {
  if (client) void Promise.resolve(client.dispose()).catch(() => undefined);
}
