import { describe, expect, it } from 'vitest';
import { Reachability } from '../../../electron/main/api-client/reachability';

describe('Reachability', () => {
  it('goes offline after two unanswered requests in a row, back online on one answer, and says so once each', () => {
    const reachability = new Reachability();
    const changes: string[] = [];
    reachability.onChange((state) => changes.push(state));
    reachability.answered();
    reachability.unreachable(); // a blip among answers
    reachability.answered();
    reachability.unreachable();
    expect(reachability.current).toBe('online');
    reachability.unreachable();
    reachability.unreachable();
    reachability.unreachable();
    expect(reachability.current).toBe('offline');
    reachability.answered();
    reachability.answered();
    expect(changes).toEqual(['online', 'offline', 'online']);
  });
});
