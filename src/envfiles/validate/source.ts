/**
 * The text a content check reads: without a leading byte-order mark, which
 * some tools that read these files do not expect (see apt.txt, runtime.txt).
 */
export interface IFileSource {
  text: string;
  /** The saved text started with a byte-order mark. */
  bom: boolean;
}
