/** The registry: one handler per step name, a closed table. */
import type { StepName } from '../types';
import { callbackNumber } from './callback-number';
import { confirm } from './confirm';
import { done } from './done';
import { menu } from './menu';
import { name } from './name';
import { reason } from './reason';
import { recording } from './recording';
import type { StepHandler } from './step';
import { transfer } from './transfer';
import { urgency } from './urgency';

export const STEPS: Record<StepName, StepHandler> = {
  menu,
  transfer,
  name,
  reason,
  'callback-number': callbackNumber,
  urgency,
  recording,
  confirm,
  done,
};

export type { StepHandler, StepResult } from './step';
