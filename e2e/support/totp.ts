import fs from 'node:fs';
import path from 'node:path';
import { totpCode, totpStep } from '../../apps/server/src/lib/totp.ts';

/**
 * A code the server has not seen yet: codes are single-use (the last accepted step is stored), and the
 * server accepts one step of drift either side, so a second login within 30 s uses the next step.
 * The last step used is kept in a file, since test files run in separate processes.
 */
export async function freshTotp(secret: string, dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'e2e-totp-steps.json');
  const used: Record<string, number> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const now = totpStep(Date.now());
  const step = Math.max(now, (used[secret] ?? -1) + 1);
  if (step > now + 1) {
    await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 500));
  }
  used[secret] = step;
  fs.writeFileSync(file, JSON.stringify(used));
  return totpCode(secret, step);
}
