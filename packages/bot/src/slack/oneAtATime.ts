import { SerialQueue } from '@partnership-tracker/core';

/** How long one job may hold the line before the next starts anyway: a Web API call that hangs must not stop every redraw after it. */
export const ONE_AT_A_TIME_LIMIT_MS = 10_000;

/**
 * Runs jobs one at a time, each starting in a turn of the event loop of its own. The work done
 * after a request has been answered (a Home tab redrawn, a confirmation sent) goes through one of
 * these: twenty people's redraws falling due together are then built and sent one after another,
 * with the requests that arrive meanwhile read between them, instead of all at once while those
 * requests wait. Slack allows a workspace about one views.publish a second and one message a second
 * in a channel, so a line of them costs nothing Slack would have given; the coalescing in front
 * (one waiting run per person) keeps the line as short as the number of people.
 */
export class OneAtATime {
  private readonly line = new SerialQueue();

  constructor(private readonly limitMs: number = ONE_AT_A_TIME_LIMIT_MS) {}

  /** Runs `job` after the ones asked for before it; resolves or rejects as `job` does. */
  run<T>(job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      void this.line.run(async () => {
        // An immediate queued while immediates run waits for the next turn, after its I/O poll.
        await new Promise((next) => setImmediate(next));
        const result = (async () => job())();
        result.then(resolve, reject);
        let timer: NodeJS.Timeout | undefined;
        // The next waits for this one to end or to overrun its limit, whatever its outcome; the
        // timer does not keep a closing process alive.
        await Promise.race([result.catch(() => undefined), new Promise((overrun) => (timer = setTimeout(overrun, this.limitMs).unref()))]);
        clearTimeout(timer);
      });
    });
  }
}
