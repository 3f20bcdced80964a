// Talks to the check worker. At most one check runs at a time; edits made meanwhile are folded
// into a single follow-up check of the newest text, and results for text that has since changed
// are dropped (their offsets would point at the wrong places).
//
// A worker that dies (out of memory on a huge paste, say: the browser then reports an error from
// it and it answers no more) is replaced by a new one, the page is told (`onRestart`), and the
// newest text is checked again there, once: text that kills a fresh worker too is reported as not
// checked instead of being retried for ever.

export function createChecker({ onReady, onResult, onFailure, onRestart }) {
  let worker = null;
  /** Whether a worker has started once (`onReady` is said once), and whether the current one has. */
  let ready = false;
  let started = false;
  let nextId = 1;
  let running = null;
  let waiting = null;

  function spawn() {
    worker = new Worker(new URL('./check-worker.js', import.meta.url), { type: 'module' });
    started = false;
    const current = worker;
    worker.onmessage = ({ data }) => {
      if (current !== worker) return;
      if (data.type === 'ready') {
        if (!ready) onReady(data.rules, data.initMs);
        ready = true;
        started = true;
        return;
      }
      if (data.type === 'failed') return onFailure(data.error);
      const request = running;
      running = null;
      if (waiting) {
        const next = waiting;
        waiting = null;
        send(next);
        return;
      }
      onResult({ ...data, request, roundTripMs: performance.now() - request.postedAt });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (current !== worker) return;
      const message = event.message || 'the checker stopped';
      // A worker that never started cannot be helped by another.
      if (!started) return onFailure(message);
      restart(message);
    };
  }

  function send(request) {
    running = request;
    request.postedAt = performance.now();
    worker.postMessage({ id: request.id, sql: request.sql, name: request.name });
  }

  function restart(message) {
    worker.terminate();
    const request = waiting ?? running;
    const crashed = running;
    running = null;
    waiting = null;
    spawn();
    onRestart(message);
    if (!request) return;
    if (request === crashed && request.retried) {
      // The newest text stopped a fresh worker too: say so, and check again on the next edit.
      onResult({ type: 'error', error: `the checker stopped on this text (${message})`, request, roundTripMs: performance.now() - request.postedAt });
      return;
    }
    request.retried = request === crashed;
    send(request);
  }

  spawn();
  return {
    /** `version` is the caller's count of edits, handed back with the result. */
    check(sql, name, version) {
      const request = { id: nextId++, sql, name, version };
      if (running) waiting = request;
      else send(request);
    },
  };
}
