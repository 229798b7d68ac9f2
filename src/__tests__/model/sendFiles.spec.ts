import { EnvBuilderRequestError } from '../../api/request';
import { ISnapshotFile, ISnapshotPreview } from '../../api/types';
import { BuildModel } from '../../model/build';
import { EnvironmentFolder } from '../../model/folder';
import {
  agreedInMemory,
  ISendRequest,
  SendFilesModel
} from '../../model/sendFiles';
import { fakeStream } from '../buildlog/streams';
import { api, SHA, stages } from './buildFakes';

const COURSE: ISnapshotFile[] = [
  { path: 'requirements.txt', size: 14, executable: false },
  { path: 'postBuild', size: 2048, executable: true }
];

/** A folder whose files the test changes, the questions asked, and the answer to give. */
function setup(answer = true) {
  const folders: Record<string, ISnapshotFile[]> = { environment: COURSE };
  const asked: ISendRequest[] = [];
  const agreed = agreedInMemory();
  const reply = { answer };
  const model = new SendFilesModel({
    preview: async (folder): Promise<ISnapshotPreview> => {
      const files = folders[folder];
      if (!files) {
        throw new EnvBuilderRequestError(
          `There is no folder '${folder}'.`,
          404
        );
      }
      return { sha: SHA, folder, store: true, files };
    },
    agreed,
    ask: async request => {
      asked.push(request);
      return reply.answer;
    }
  });
  return { model, folders, asked, agreed, reply };
}

describe('SendFilesModel: the files to send, before the first build of a folder', () => {
  it('shows every file with its size the first time, then not again', async () => {
    const { model, asked } = setup();
    expect(await model.confirm('environment')).toEqual([
      'requirements.txt',
      'postBuild'
    ]);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      folder: 'environment',
      firstTime: true,
      store: true,
      totalBytes: 2062
    });
    expect(asked[0].files.map(f => [f.path, f.size, f.isNew])).toEqual([
      ['requirements.txt', 14, true],
      ['postBuild', 2048, true]
    ]);

    expect(await model.confirm('environment')).toEqual([
      'requirements.txt',
      'postBuild'
    ]);
    expect(asked).toHaveLength(1);
  });

  it('does not ask about edited or removed files, but marks a new file', async () => {
    const { model, folders, asked } = setup();
    await model.confirm('environment');
    folders.environment = [{ ...COURSE[0], size: 40 }];
    expect(await model.confirm('environment')).toEqual(['requirements.txt']);
    expect(asked).toHaveLength(1);

    folders.environment = [
      ...COURSE,
      { path: 'token.txt', size: 41, executable: false }
    ];
    await model.confirm('environment');
    expect(asked).toHaveLength(2);
    expect(asked[1].firstTime).toBe(false);
    expect(asked[1].files.filter(f => f.isNew).map(f => f.path)).toEqual([
      'token.txt'
    ]);
  });

  it('sends nothing and remembers nothing when the user cancels', async () => {
    const { model, asked, agreed, reply } = setup(false);
    expect(await model.confirm('environment')).toBeNull();
    expect(await agreed.load()).toEqual({});
    reply.answer = true;
    await model.confirm('environment');
    expect(asked).toHaveLength(2);
  });

  it('asks about each folder on its own', async () => {
    const { model, folders, asked } = setup();
    folders['course/binder'] = COURSE;
    await model.confirm('environment');
    await model.confirm('course/binder');
    expect(asked.map(r => [r.folder, r.firstTime])).toEqual([
      ['environment', true],
      ['course/binder', true]
    ]);
  });

  it('passes on why a folder cannot be read, asking nothing', async () => {
    const { model, asked } = setup();
    await expect(model.confirm('missing')).rejects.toThrow('no folder');
    expect(asked).toHaveLength(0);
  });
});

describe('BuildModel with the question about the files to send', () => {
  function buildModel(answer: boolean, snapshotError?: Error) {
    const { model: sendFiles, asked } = setup(answer);
    const { api: requests, calls } = api(
      [fakeStream([{ phase: 'ready', imageName: 'img:1' }])],
      { snapshotError }
    );
    const sent: (readonly string[] | undefined)[] = [];
    const createSnapshot = requests.api.createSnapshot;
    requests.api.createSnapshot = (
      folder: string,
      paths?: readonly string[]
    ) => {
      sent.push(paths);
      return createSnapshot(folder);
    };
    const model = new BuildModel({
      ...requests,
      confirmSend: sendFiles.confirm,
      folder: new EnvironmentFolder('environment')
    });
    return { model, asked, calls, sent };
  }

  it('sends the agreed paths along, so the server refuses any other file', async () => {
    const { model, asked, sent } = buildModel(true);
    const seen = stages(model);
    await model.build();
    expect(seen).toEqual([
      'checking',
      'confirming',
      'snapshot',
      'watching',
      'ready'
    ]);
    expect(asked).toHaveLength(1);
    expect(sent).toEqual([['requirements.txt', 'postBuild']]);
  });

  it('builds nothing when the user cancels, and says so', async () => {
    const { model, calls } = buildModel(false);
    await model.build();
    expect(model.state.stage).toBe('declined');
    expect(model.busy).toBe(false);
    expect(calls.snapshots).toEqual([]);
    expect(calls.starts).toEqual([]);
  });

  it('keeps Build off while the question is open', async () => {
    let answer: (agreed: boolean) => void = () => undefined;
    const question = new SendFilesModel({
      preview: async folder => ({
        sha: SHA,
        folder,
        store: true,
        files: COURSE
      }),
      ask: () => new Promise<boolean>(resolve => (answer = resolve))
    });
    const { api: requests } = api([fakeStream([{ phase: 'ready' }])]);
    const model = new BuildModel({
      ...requests,
      confirmSend: question.confirm
    });
    const building = model.build();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(model.state.stage).toBe('confirming');
    expect(model.busy).toBe(true);
    expect(model.blockedReason).toBe(
      'Agree to the files to send, or cancel, first.'
    );
    answer(false);
    await building;
    expect(model.blockedReason).toBeNull();
  });

  it('names the files added after the list was agreed to', async () => {
    const refusal = new EnvBuilderRequestError('conflict', 409, {
      reason: 'unconfirmedFiles',
      paths: ['credentials.json']
    });
    const { model } = buildModel(true, refusal);
    await model.build();
    expect(model.state.stage).toBe('failed');
    expect(model.state.failure?.message).toContain(
      'Files were added to environment after you agreed to the list: credentials.json. Nothing was sent'
    );
  });
});
