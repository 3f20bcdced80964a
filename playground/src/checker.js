// Talks to the check worker. At most one check runs at a time; edits made meanwhile are folded
// into a single follow-up check of the newest text, and results for text that has since changed
// are dropped (their offsets would point at the wrong places).

export function createChecker({ onReady, onResult, onFailure }) {
  const worker = new Worker(new URL('./check-worker.js', import.meta.url), { type: 'module' });
  let nextId = 1;
  let running = null;
  let waiting = null;

  function send(request) {
    running = request;
    request.postedAt = performance.now();
    worker.postMessage({ id: request.id, sql: request.sql, name: request.name });
  }

  worker.onmessage = ({ data }) => {
    if (data.type === 'ready') return onReady(data.rules, data.initMs);
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
    onFailure(event.message || 'the checker stopped');
  };

  return {
    /** `version` is the caller's count of edits, handed back with the result. */
    check(sql, name, version) {
      const request = { id: nextId++, sql, name, version };
      if (running) waiting = request;
      else send(request);
    },
  };
}
