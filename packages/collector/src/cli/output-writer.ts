/** Writes with back-pressure to a stream whose reader may go away. */
export interface OutputWriter {
  /** Resolves once `text` is taken (after `drain` if the stream is full); false once the stream failed. */
  write(text: string): Promise<boolean>;
  /** The stream's error, if it failed. */
  readonly failure: NodeJS.ErrnoException | null;
  /** The reader closed the pipe (EPIPE), as `sightline export | head -1` does after one line. */
  readonly readerGone: boolean;
}

/**
 * A writer for `stream` that turns its `error` event into a state the caller checks, instead of an
 * exception: a closed pipe ends an export early and quietly, as Unix tools do.
 */
export function createOutputWriter(stream: NodeJS.WritableStream): OutputWriter {
  let failure: NodeJS.ErrnoException | null = null;
  let wake: (() => void) | null = null;
  // Stays attached: a write still buffered when the command returns may fail later.
  stream.on('error', (error: NodeJS.ErrnoException) => {
    failure ??= error;
    wake?.();
  });
  return {
    async write(text) {
      if (failure) return false;
      if (!stream.write(text) && !failure) {
        await new Promise<void>((resolve) => {
          const done = () => {
            stream.off('drain', done);
            wake = null;
            resolve();
          };
          wake = done;
          stream.on('drain', done);
        });
      }
      return failure === null;
    },
    get failure() {
      return failure;
    },
    get readerGone() {
      return failure?.code === 'EPIPE';
    },
  };
}
