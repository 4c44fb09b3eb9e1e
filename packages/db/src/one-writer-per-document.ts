/**
 * Runs the writes of one document one after another within this process, and writes of different
 * documents side by side. FerretDB v1 applies an update by reading the document and writing it back
 * whole, so two updates of one document at once can both report success while one is lost (40
 * concurrent `$inc` of one counter left it at 15); MongoDB's single-document updates are atomic and
 * need none of this. Use it where one process updates a shared document from concurrent work (a
 * store's daily figures, say). It cannot help across processes: keep such documents to one writer.
 */
export interface OneWriterPerDocument {
  run<T>(documentId: string, write: () => Promise<T>): Promise<T>;
  /** Documents with a write running or waiting. */
  readonly busy: number;
}

export function oneWriterPerDocument(): OneWriterPerDocument {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(documentId, write) {
      const previous = tails.get(documentId) ?? Promise.resolve();
      const result = previous.then(write);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(documentId, tail);
      void tail.then(() => {
        if (tails.get(documentId) === tail) tails.delete(documentId);
      });
      return result;
    },
    get busy() {
      return tails.size;
    },
  };
}
