import type { Contract, PayloadOf } from '../../../shared/ipc/contract-kit';
import { listEvents } from '../../../shared/ipc/contract-kit';

/** Delivers a checked event to every trusted page; each host supplies its own. */
export type EventSink = (name: string, payload: unknown) => void;

export interface EventPublisher<K extends Contract> {
  publish<A extends keyof K['events'] & string, N extends keyof K['events'][A] & string>(
    area: A,
    event: N,
    payload: PayloadOf<K['events'][A][N]>,
  ): void;
  /** Hosts attach and detach their sinks as pages come and go. */
  attach(sink: EventSink): () => void;
}

/** Events are validated before they leave, like responses, so a page never sees a malformed one. */
export function createEventPublisher<K extends Contract>(contract: K): EventPublisher<K> {
  const schemas = new Map(listEvents(contract).map((e) => [e.name, e.def.payload]));
  const sinks = new Set<EventSink>();
  return {
    publish(area, event, payload) {
      const name = `${area}.${event}`;
      const schema = schemas.get(name);
      if (!schema) throw new Error(`Unknown event ${name}`);
      const data = schema.parse(payload);
      for (const sink of sinks) sink(name, data);
    },
    attach(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
  };
}
