/**
 * `<Dial>`: rings every number at once, runs the winner's whisper (`<Number url>`) on the callee's own
 * leg, bridges or not, then posts the dial `action` with the result.
 */
import { describeCallee, type CalleeBehaviour } from './behaviour';
import { InputSource, methodOf, type LegState, type RunContext, type Step } from './context';
import { newSid, type LegIdentity } from './params';
import type { TransferAttempt } from './report';
import { problem, type TwimlNode } from './twiml';

interface Target {
  number: string;
  node: TwimlNode | null;
  behaviour: CalleeBehaviour;
  callSid: string;
}

/** The whisper's inputs: `answer:1` presses 1 at its first gather, `decline` hangs up there. */
function calleeInput(behaviour: CalleeBehaviour): InputSource {
  if (behaviour.kind === 'answer' && behaviour.press)
    return new InputSource([{ kind: 'press', digits: behaviour.press }], false);
  if (behaviour.kind === 'decline') return new InputSource([{ kind: 'hangup' }], false);
  return new InputSource([], true);
}

export async function dial(verb: TwimlNode, leg: LegState, ctx: RunContext): Promise<Step> {
  if (leg.leg === 'callee') return { type: 'continue' };
  const targets: Target[] = [];
  const numbers = verb.children.filter((child) => child.name === 'Number');
  for (const other of verb.children.filter((child) => child.name !== 'Number')) {
    ctx.rec.flag(
      problem(null, 'warning', `<Dial><${other.name}> is not simulated: nobody answers`, leg.documentUrl),
    );
  }
  const plain = verb.children.length === 0 && verb.text ? [{ number: verb.text, node: null }] : [];
  for (const { number, node } of [...numbers.map((node) => ({ number: node.text, node })), ...plain]) {
    const behaviour = ctx.callees.take();
    targets.push({ number, node, behaviour, callSid: newSid('CA') });
    ctx.rec.act('callee', behaviour.kind, `at ${number} will ${describeCallee(behaviour)}`);
  }
  const ringSeconds = Number(verb.attrs.timeout ?? 30) || 30;
  ctx.rec.hear({
    leg: 'caller',
    verb: 'Ringing',
    text: `ringing ${targets.map((t) => t.number).join(', ')}`,
  });

  const winner = targets.find((t) => t.behaviour.kind === 'answer' || t.behaviour.kind === 'decline');
  const attempt: TransferAttempt = {
    numbers: targets.map((t) => t.number),
    dialCallStatus: 'no-answer',
    dialCallSid: (winner ?? targets[0])?.callSid ?? null,
    bridged: false,
    answeredBy: winner?.number ?? null,
  };
  let dialDuration = 0;
  if (!winner) {
    const allBusy = targets.length > 0 && targets.every((t) => t.behaviour.kind === 'busy');
    attempt.dialCallStatus = allBusy ? 'busy' : 'no-answer';
    ctx.clock.seconds += allBusy ? 2 : ringSeconds;
  } else {
    ctx.clock.seconds += 4;
    const started = ctx.clock.seconds;
    const callee: LegState = {
      leg: 'callee',
      identity: calleeIdentity(leg.identity, winner, verb.attrs.callerId),
      input: calleeInput(winner.behaviour),
      callStatus: 'in-progress',
      answered: true,
      documentUrl: leg.documentUrl,
    };
    const url = winner.node?.attrs.url;
    let accepted = winner.behaviour.kind === 'answer';
    if (url) {
      const end = await ctx.runLeg(callee, {
        url: ctx.transport.resolve(url, leg.documentUrl),
        method: methodOf(winner.node?.attrs.method),
        purpose: 'whisper',
        params: ctx.params(callee),
      });
      accepted = end.kind === 'finished' && winner.behaviour.kind !== 'decline';
      if (end.kind === 'finished' && !accepted) {
        callee.input.take();
        ctx.rec.act('callee', 'decline', `at ${winner.number} hangs up after the whisper`);
      }
    } else if (!accepted) {
      ctx.rec.act('callee', 'decline', `at ${winner.number} picks up and hangs up at once`);
    }
    attempt.dialCallStatus = 'completed';
    attempt.bridged = accepted;
    if (accepted) {
      ctx.rec.note('caller', `connected to ${winner.number}: they talk for ${ctx.settings.talkSeconds} s`);
      ctx.clock.seconds += ctx.settings.talkSeconds;
    } else {
      ctx.rec.note('caller', `${winner.number} declined: no bridge`);
    }
    dialDuration = Math.round(ctx.clock.seconds - started);
    await notifyCalleeStatus(winner, callee, dialDuration, ctx);
  }
  ctx.rec.transfers.push(attempt);
  ctx.rec.note('caller', `dial ended: ${attempt.dialCallStatus}${attempt.bridged ? ', bridged' : ''}`);

  if (!verb.attrs.action) return { type: 'continue' };
  const params: Record<string, string> = {
    DialCallStatus: attempt.dialCallStatus,
    DialCallDuration: String(dialDuration),
    DialBridged: String(attempt.bridged),
  };
  if (attempt.dialCallSid) params.DialCallSid = attempt.dialCallSid;
  return {
    type: 'goto',
    request: {
      url: ctx.transport.resolve(verb.attrs.action, leg.documentUrl),
      method: methodOf(verb.attrs.method),
      purpose: 'dial-action',
      params: ctx.params(leg, params),
    },
  };
}

function calleeIdentity(parent: LegIdentity, target: Target, callerId: string | undefined): LegIdentity {
  return {
    callSid: target.callSid,
    accountSid: parent.accountSid,
    from: callerId || parent.from,
    to: target.number,
    direction: 'outbound-dial',
    parentCallSid: parent.callSid,
  };
}

/** `<Number statusCallback>`: the callee leg's own `completed` event. */
async function notifyCalleeStatus(target: Target, callee: LegState, duration: number, ctx: RunContext) {
  const url = target.node?.attrs.statusCallback;
  if (!url) return;
  await ctx.notify({
    url: ctx.transport.resolve(url, callee.documentUrl),
    method: methodOf(target.node?.attrs.statusCallbackMethod),
    leg: 'callee',
    purpose: 'callee-status',
    expectTwiml: false,
    params: ctx.params({ ...callee, callStatus: 'completed' }, { CallDuration: String(duration) }),
  });
}
