import { UsageError } from '../core/errors.js';
import type { PaymentDriver } from '../engine/drivers.js';
import { AutoDriver } from './auto.js';

// `--driver auto|form:FILE|browser:FILE|command:CMD|manual`: the run's one way of finishing payments. Only the
// driver asked for is loaded (the auto driver by default): a run does not pay for the others' modules.

export const DRIVER_USAGE = 'auto, form:FILE, browser:FILE, command:CMD or manual';

export async function openDriver(spec: string | undefined): Promise<PaymentDriver> {
  const value = spec ?? 'auto';
  if (value === 'auto') return new AutoDriver();
  if (value === 'manual') return new (await import('./manual.js')).ManualDriver();
  const colon = value.indexOf(':');
  const kind = colon > 0 ? value.slice(0, colon) : value;
  const rest = colon > 0 ? value.slice(colon + 1) : '';
  if (!['form', 'browser', 'command'].includes(kind))
    throw new UsageError(`--driver "${value}" is not a driver: use ${DRIVER_USAGE}`);
  if (rest.trim() === '')
    throw new UsageError(
      `--driver ${kind}: needs ${kind === 'command' ? 'a command' : 'a file'} after "${kind}:"`,
    );
  if (kind === 'form') return new (await import('./form.js')).FormDriver(rest);
  if (kind === 'browser') return (await import('./browser.js')).BrowserDriver.open(rest);
  return new (await import('./command.js')).CommandDriver(rest);
}
