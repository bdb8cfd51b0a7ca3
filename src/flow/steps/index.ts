/** The registry: one handler per step name, a closed table. */
import type { StepName } from '../types';
import { appointmentCalendar } from './appointment-calendar';
import { appointmentCancel, appointmentConfirm } from './appointment-confirm';
import { appointmentName, appointmentNumber } from './appointment-details';
import { appointmentExisting } from './appointment-existing';
import { appointmentSlots } from './appointment-slots';
import { appointmentType } from './appointment-type';
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
  'appointment-type': appointmentType,
  'appointment-existing': appointmentExisting,
  'appointment-calendar': appointmentCalendar,
  'appointment-slots': appointmentSlots,
  'appointment-name': appointmentName,
  'appointment-number': appointmentNumber,
  'appointment-confirm': appointmentConfirm,
  'appointment-cancel': appointmentCancel,
};

export type { StepHandler, StepResult } from './step';
