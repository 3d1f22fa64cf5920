/**
 * The database requests of one invocation: how many, and the longest chain of them that waited on each other.
 *
 * In the cloud each request costs a network round trip, so what decides how long an invocation takes is that chain
 * (its depth), not the count: requests in flight at the same time cost one round trip together. A request waited
 * on another when it arrived after the other's answer had left. Events are ordered by a counter, not by the clock,
 * so two requests within the same millisecond are still told apart.
 *
 * It also sums the time the emulator itself spent working out the answers (its SQLite and aggregation engine, not
 * the simulated round trip): what of an invocation's time is the local database's own speed rather than the design.
 */

let clock = 0;

interface Span {
  arrived: number;
  answered: number;
}

export class RequestLog {
  private readonly spans: Span[] = [];
  /** Milliseconds the emulator spent working out this invocation's answers. */
  workMs = 0;

  get count(): number {
    return this.spans.length;
  }

  /** Notes a request's arrival; call the returned function when its answer has been sent, with the time it took to work out. */
  begin(): (workMs: number) => void {
    const span: Span = { arrived: ++clock, answered: Infinity };
    this.spans.push(span);
    return (workMs) => {
      span.answered = ++clock;
      this.workMs += workMs;
    };
  }

  /** The longest chain of requests, each arriving after the one before it was answered (0 without requests). */
  depth(): number {
    // Walk arrivals and answers in the order they happened: a request arriving now extends the longest chain
    // among those already answered.
    const events = this.spans.flatMap((span, i) => [
      { at: span.arrived, i, arrival: true },
      { at: span.answered, i, arrival: false },
    ]);
    events.sort((a, b) => a.at - b.at);
    const chain: number[] = [];
    let answeredBest = 0;
    for (const e of events) {
      if (e.arrival) chain[e.i] = answeredBest + 1;
      else answeredBest = Math.max(answeredBest, chain[e.i]);
    }
    return chain.reduce((a, b) => Math.max(a, b), 0);
  }
}
