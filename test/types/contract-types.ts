// Compiled by `npm run typecheck`, never run: each @ts-expect-error fails the typecheck if the
// line below it stops being a type error, so these prove TypeScript rejects wrong calls.
import type { BridgeApi, ClientApi } from '../../shared/ipc/contract-kit';
import type { NoposContract } from '../../shared/ipc/contract';
import type { Handlers } from '../../electron/main/ipc/registry';
import type { testContract } from '../support/test-contract';

declare const client: ClientApi<typeof testContract>;
declare const bridge: BridgeApi<NoposContract>;

export async function typedCalls(): Promise<void> {
  const said: { text: string } = await client.echo.say({ text: 'hi' });
  void said;
  // @ts-expect-error wrong payload type
  await client.echo.say({ text: 42 });
  // @ts-expect-error missing payload
  await client.echo.say();
  // @ts-expect-error unknown field
  await client.echo.say({ text: 'hi', admin: true });
  // @ts-expect-error no such channel
  await client.echo.shout({ text: 'hi' });
  // @ts-expect-error no such area
  await client.drawer.open();
  // @ts-expect-error the response is not a number
  const wrong: number = await client.echo.say({ text: 'hi' });
  void wrong;

  const result = await bridge.app.getStatus();
  if (result.ok) {
    const version: string = result.data.version;
    void version;
  } else {
    // @ts-expect-error errors carry a code from the closed set only
    const code: 'teapot' = result.error.code;
    void code;
  }

  client.events.till.changed((payload) => {
    const open: boolean = payload.open;
    void open;
  });
}

// @ts-expect-error a handler map missing a channel is refused
export const incomplete: Handlers<NoposContract> = { app: {} };

export const wrongResponse: Handlers<NoposContract> = {
  // @ts-expect-error a handler returning the wrong shape is refused
  app: { getStatus: () => ({ version: 1 }) },
};
