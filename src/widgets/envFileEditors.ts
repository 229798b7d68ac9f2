/**
 * JupyterLab's documents as the Environment files section sees them: which
 * environment files are open in an editor (with their unsaved text), and opening
 * a file at a line and column.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import {
  IDocumentManager,
  IDocumentWidgetOpener
} from '@jupyterlab/docmanager';
import { IEditorTracker } from '@jupyterlab/fileeditor';
import { ISignal, Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';

import { IOpenEnvFile, IOpenEnvFiles } from '../model/envfilesEditors';

/** The parts of a document context that checking unsaved text needs. */
interface IDocumentContext {
  readonly path: string;
  readonly ready: Promise<void>;
  readonly isDisposed: boolean;
  readonly disposed: ISignal<unknown, void>;
  readonly pathChanged: ISignal<unknown, string>;
  readonly model: {
    toString(): string;
    readonly contentChanged: ISignal<unknown, void>;
  };
}

/** One open document, followed until it closes or is renamed. */
class OpenDocument implements IOpenEnvFile {
  constructor(private readonly _context: IDocumentContext) {
    this.path = _context.path;
    this.ready = _context.ready;
    _context.disposed.connect(this._close, this);
    _context.pathChanged.connect(this._close, this);
  }

  readonly path: string;
  readonly ready: Promise<void>;

  get textChanged(): ISignal<unknown, unknown> {
    return this._context.model.contentChanged;
  }

  get closed(): ISignal<this, void> {
    return this._closed;
  }

  text(): string {
    return this._context.model.toString();
  }

  private _close(): void {
    this._context.disposed.disconnect(this._close, this);
    this._context.pathChanged.disconnect(this._close, this);
    this._closed.emit();
    Signal.clearData(this);
  }

  private _closed = new Signal<this, void>(this);
}

/** The environment files open in JupyterLab, and opening one at a position. */
export class EnvFileEditors implements IOpenEnvFiles {
  constructor(options: EnvFileEditors.IOptions) {
    this._commands = options.commands;
    this._docManager = options.docManager;
    this._editors = options.editorTracker ?? null;
    options.opener?.opened.connect((_, widget) => {
      const context = this._docManager?.contextForWidget(widget);
      if (context) {
        this._opened.emit(context.path);
      }
    });
  }

  get opened(): ISignal<this, string> {
    return this._opened;
  }

  find(path: string): IOpenEnvFile | null {
    const widget = this._docManager?.findWidget(path, null);
    const context = widget
      ? (this._docManager?.contextForWidget(widget) as
          IDocumentContext | undefined)
      : undefined;
    if (!context || context.isDisposed) {
      return null;
    }
    let open = this._open.get(context);
    if (!open) {
      open = new OpenDocument(context);
      this._open.set(context, open);
      // Renamed: the next look finds the document under its new path.
      open.closed.connect(() => this._open.delete(context));
    }
    return open;
  }

  /**
   * Open a file (path relative to the server root) in its editor and, with a
   * position (1-based, as problems give it), put the cursor there.
   */
  async open(
    path: string,
    position?: { line: number; column: number }
  ): Promise<void> {
    let widget: Widget | undefined;
    if (this._docManager) {
      widget = this._docManager.openOrReveal(path);
    } else {
      widget = (await this._commands.execute('docmanager:open', {
        path
      })) as Widget | undefined;
    }
    if (!widget) {
      return;
    }
    await this._docManager?.contextForWidget(widget)?.ready;
    // Only a file editor has a cursor to put; another viewer just shows the file.
    const fileEditor = this._editors?.find(editor => editor === widget);
    if (!fileEditor) {
      return;
    }
    await fileEditor.revealed;
    const editor = fileEditor.content.editor;
    if (position) {
      const at = { line: position.line - 1, column: position.column - 1 };
      editor.setCursorPosition(at);
      editor.revealPosition(at);
    }
    editor.focus();
  }

  private readonly _commands: JupyterFrontEnd['commands'];
  private readonly _docManager: IDocumentManager | null;
  private readonly _editors: IEditorTracker | null;
  private readonly _open = new WeakMap<IDocumentContext, OpenDocument>();
  private readonly _opened = new Signal<this, string>(this);
}

export namespace EnvFileEditors {
  export interface IOptions {
    commands: JupyterFrontEnd['commands'];
    docManager: IDocumentManager | null;
    opener: IDocumentWidgetOpener | null;
    /** The file editors, to put the cursor at a problem. */
    editorTracker?: IEditorTracker | null;
  }
}
