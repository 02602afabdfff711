/**
 * An error raised by a collector itself (not by AWS). Its name is the code that `toCollectError`
 * stores, so the inventory says why the dataset is missing.
 */
export class CollectFailure extends Error {
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
  }
}
