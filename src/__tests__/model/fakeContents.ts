/**
 * An in-memory stand-in for JupyterLab's contents API with the answers
 * jupyter_server gives (404 when missing, 400 for `format: 'text'` on bytes that
 * are not UTF-8), and editors that can be typed into.
 */
import { Contents } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';

import { firstInvalidUtf8Byte } from '../../envfiles/text';
import { IEnvFilesContents } from '../../model/envfilesDisk';
import { IOpenEnvFile, IOpenEnvFiles } from '../../model/envfilesEditors';

/** What `ServerConnection.ResponseError` looks like to callers. */
export class FakeResponseError extends Error {
  constructor(
    readonly response: { status: number },
    message: string
  ) {
    super(message);
  }
}

type Node =
  | { type: 'directory'; modified: number }
  | { type: 'file'; bytes: Uint8Array; modified: number };

function encode(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

function isUtf8(bytes: Uint8Array): boolean {
  return firstInvalidUtf8Byte(bytes) < 0;
}

export class FakeContents implements IEnvFilesContents {
  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) {
      this.put(path, content);
    }
  }

  readonly fileChanged = new Signal<this, Contents.IChangedArgs>(this);
  /** Every `get`, as `path format`. */
  readonly gets: string[] = [];
  /** Every `save` through the API, as `path type`. */
  readonly saves: string[] = [];
  /** Make the next calls on these paths fail with this status. */
  readonly failures = new Map<string, number>();

  /** Write a file as something outside this tab would (no `fileChanged`). */
  put(path: string, content: string | Uint8Array, modified?: number): void {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!this._nodes.has(dir)) {
        this._nodes.set(dir, { type: 'directory', modified: this._tick() });
      }
    }
    this._nodes.set(path, {
      type: 'file',
      bytes: typeof content === 'string' ? encode(content) : content,
      modified: modified ?? this._tick()
    });
  }

  mkdir(path: string): void {
    this._nodes.set(path, { type: 'directory', modified: this._tick() });
  }

  remove(path: string): void {
    for (const key of [...this._nodes.keys()]) {
      if (key === path || key.startsWith(`${path}/`)) {
        this._nodes.delete(key);
      }
    }
  }

  /** A file's text as saved, or undefined. */
  read(path: string): string | undefined {
    const node = this._nodes.get(path);
    return node?.type === 'file'
      ? Buffer.from(node.bytes).toString('utf8')
      : undefined;
  }

  async get(
    path: string,
    options: Contents.IFetchOptions = {}
  ): Promise<Contents.IModel> {
    this.gets.push(`${path} ${options.format ?? ''}`.trim());
    await Promise.resolve();
    const failure = this.failures.get(path);
    if (failure) {
      throw new FakeResponseError(
        { status: failure },
        `Server error ${failure}`
      );
    }
    const node = path === '' ? this._root : this._nodes.get(path);
    if (!node) {
      throw new FakeResponseError(
        { status: 404 },
        `No such file or directory: ${path}`
      );
    }
    if (node.type === 'directory') {
      return this._model(path, node, options.content === false ? null : 'list');
    }
    if (options.content === false) {
      return this._model(path, node, null);
    }
    if (options.format === 'base64') {
      return this._model(
        path,
        node,
        Buffer.from(node.bytes).toString('base64'),
        'base64'
      );
    }
    if (!isUtf8(node.bytes)) {
      throw new FakeResponseError(
        { status: 400 },
        `/home/someone/${path} is not UTF-8 encoded`
      );
    }
    return this._model(
      path,
      node,
      Buffer.from(node.bytes).toString('utf8'),
      'text'
    );
  }

  async save(
    path: string,
    options: Partial<Contents.IModel> = {}
  ): Promise<Contents.IModel> {
    this.saves.push(`${path} ${options.type}`);
    await Promise.resolve();
    const parent = path.split('/').slice(0, -1).join('/');
    if (parent !== '' && this._nodes.get(parent)?.type !== 'directory') {
      throw new FakeResponseError(
        { status: 404 },
        `No such directory: ${parent}`
      );
    }
    const existed = this._nodes.has(path);
    if (options.type === 'directory') {
      if (!existed) {
        this.mkdir(path);
      }
    } else {
      this.put(path, String(options.content ?? ''));
    }
    const model = this._model(path, this._nodes.get(path)!, null);
    this.fileChanged.emit({
      type: existed ? 'save' : 'new',
      oldValue: null,
      newValue: model
    });
    return model;
  }

  private _model(
    path: string,
    node: Node,
    content: string | 'list' | null,
    format: Contents.FileFormat = null
  ): Contents.IModel {
    const name = path.split('/').pop() ?? '';
    const prefix = path === '' ? '' : `${path}/`;
    return {
      name,
      path,
      type: node.type,
      writable: true,
      created: new Date(0).toISOString(),
      last_modified: new Date(node.modified).toISOString(),
      mimetype: node.type === 'file' ? 'text/plain' : '',
      size: node.type === 'file' ? node.bytes.length : undefined,
      format: content === 'list' ? 'json' : format,
      content:
        content === 'list'
          ? [...this._nodes.entries()]
              .filter(
                ([key]) =>
                  key.startsWith(prefix) &&
                  key !== path &&
                  !key.slice(prefix.length).includes('/')
              )
              .map(([key, child]) => this._model(key, child, null))
          : content
    };
  }

  private _tick(): number {
    this._clock += 1000;
    return this._clock;
  }

  private _root: Node = { type: 'directory', modified: 0 };
  private _nodes = new Map<string, Node>();
  private _clock = Date.UTC(2026, 0, 1);
}

/** An editor open on a file: text that can change without being saved. */
export class FakeEditor implements IOpenEnvFile {
  constructor(
    readonly path: string,
    private _text: string
  ) {}

  readonly textChanged = new Signal<this, void>(this);
  readonly closed = new Signal<this, void>(this);
  readonly ready = Promise.resolve();

  text(): string {
    return this._text;
  }

  /** Replace one line (1-based), as typing would. */
  setLine(line: number, text: string): void {
    const lines = this._text.split('\n');
    lines[line - 1] = text;
    this.type(lines.join('\n'));
  }

  type(text: string): void {
    this._text = text;
    this.textChanged.emit();
  }
}

export class FakeEditors implements IOpenEnvFiles {
  readonly opened = new Signal<this, string>(this);

  find(path: string): IOpenEnvFile | null {
    return this._open.get(path) ?? null;
  }

  open(path: string, text: string): FakeEditor {
    const editor = new FakeEditor(path, text);
    this._open.set(path, editor);
    this.opened.emit(path);
    return editor;
  }

  close(path: string): void {
    const editor = this._open.get(path);
    this._open.delete(path);
    editor?.closed.emit();
  }

  private _open = new Map<string, FakeEditor>();
}
