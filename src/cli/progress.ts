import cliProgress from 'cli-progress';
import type { ProgressSink } from '../scan/run.ts';

/** A live bar on a terminal; on anything else, a plain line every 5 % so logs stay readable. */
export function progressFor(stream: NodeJS.WriteStream, enabled: boolean): ProgressSink | undefined {
  if (!enabled) return undefined;
  let total = 0;
  let done = 0;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'scanning [{bar}] {value}/{total} account-regions | errors {errors} | {label}',
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      expect(units) {
        total += units;
        if (!started) {
          bar.start(Math.max(total, 1), 0, { errors: 0, label: '' });
          started = true;
        } else bar.setTotal(Math.max(total, done));
      },
      done(units, errors, label) {
        done += units;
        bar.update(done, { errors, label });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastBucket = -1;
  return {
    expect(units) {
      total += units;
    },
    done(units, errors) {
      done += units;
      const bucket = Math.floor((done / Math.max(total, 1)) * 20);
      if (bucket !== lastBucket) {
        lastBucket = bucket;
        stream.write(`progress: ${done}/${Math.max(total, done)} account-regions, ${errors} errors\n`);
      }
    },
    stop() {},
  };
}
