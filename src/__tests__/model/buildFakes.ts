/** The build model's requests, faked and recorded, for the build model's tests. */
import type { RecordPage } from '../../api/build';
import { EnvBuilderRequestError } from '../../api/request';
import { IBuildRecord, IBuildSummary, ISnapshot } from '../../api/types';
import { BuildModel } from '../../model/build';
import { BuildStage } from '../../model/buildState';
import { BuildHistoryModel } from '../../model/history';
import { IFakeStream } from '../buildlog/streams';

export const SHA = '0123456789abcdef0123456789abcdef01234567';
const REPO =
  'http://127.0.0.1:8000/user/alice/work/envbuilder/snapshots/abc.git';
export const SPEC = `git/${encodeURIComponent(REPO)}/${SHA}`;
export const IMAGE = 'envbuilder-http-3a-2f-2f127-abc:' + SHA;

function snapshot(): ISnapshot {
  return {
    sha: SHA,
    repoUrl: REPO,
    spec: SPEC,
    folder: 'environment',
    files: [{ path: 'requirements.txt', size: 14, executable: false }]
  };
}

export function summary(overrides: Partial<IBuildSummary> = {}): IBuildSummary {
  return {
    id: '39c443f9d08fdc92',
    spec: SPEC,
    repoUrl: REPO,
    ref: SHA,
    snapshot: true,
    startedAt: '2026-11-22T11:26:17.000Z',
    finishedAt: '2026-11-22T11:26:18.000Z',
    result: 'built',
    imageName: IMAGE,
    message: null,
    cacheHit: false,
    ...overrides
  };
}

/** The requests of the model, recorded, with streams handed out in order. */
export function api(
  streams: IFakeStream[],
  options: {
    history?: IBuildSummary[];
    records?: Record<string, IBuildRecord>;
    snapshotError?: Error;
  } = {}
) {
  const calls = {
    snapshots: [] as string[],
    starts: [] as string[],
    streams: [] as string[],
    history: 0,
    records: [] as string[]
  };
  const queue = [...streams];
  const history = new BuildHistoryModel(async () => {
    calls.history++;
    return options.history ?? [];
  });
  return {
    calls,
    // The model's options: its requests and the history it shares with other views.
    api: {
      history,
      api: {
        createSnapshot: async (folder: string) => {
          calls.snapshots.push(folder);
          if (options.snapshotError) {
            throw options.snapshotError;
          }
          return snapshot();
        },
        startBuild: async (spec: string) => {
          calls.starts.push(spec);
        },
        openStream: (spec: string) => {
          calls.streams.push(spec);
          const next = queue.shift();
          if (!next) {
            throw new Error('no more streams');
          }
          return next;
        },
        fetchRecord: async (id: string, page?: RecordPage) => {
          calls.records.push(page ? `${id}?${pageQuery(page)}` : id);
          const record = options.records?.[id];
          if (!record) {
            throw new EnvBuilderRequestError('404 No build record', 404);
          }
          return page ? recordPage(record, page) : record;
        }
      }
    }
  };
}

/** The query of a page as the server is asked for it, e.g. `offset=0&limit=10`. */
export function pageQuery(page: RecordPage): string {
  return Object.entries(page)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** A page of a record, as the server answers it. */
export function recordPage(
  record: IBuildRecord,
  page: RecordPage
): IBuildRecord {
  const count = record.events.length;
  const offset =
    'tail' in page
      ? Math.max(0, count - page.tail)
      : Math.min(page.offset, count);
  const end = 'tail' in page ? count : Math.min(count, offset + page.limit);
  return {
    ...record,
    events: record.events.slice(offset, end),
    eventCount: count,
    offset
  };
}

export function stages(model: BuildModel): BuildStage[] {
  const seen: BuildStage[] = [];
  model.stateChanged.connect((_, state) => {
    if (seen[seen.length - 1] !== state.stage) {
      seen.push(state.stage);
    }
  });
  return seen;
}
