import type { StepHandler, StepResult } from './step';

const hangup = (ctx: Parameters<StepHandler['fallback']>[0]): StepResult => ({
  kind: 'transition',
  transition: { state: ctx.state, actions: [{ type: 'hangup' }], effects: [] },
});

/** The call is over for the engine: whatever arrives, hang up. */
export const done: StepHandler = {
  prompt: () => [{ type: 'hangup' }],
  on: (ctx) => hangup(ctx),
  fallback: hangup,
};
