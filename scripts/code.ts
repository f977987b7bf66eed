// Prints the code (or token) the mock derives: npm run code -- <purpose> <destination> [n] [seed]
import { deriveCode, deriveToken, PURPOSES, type Purpose } from '../mock/domain/codes.ts';

const [purpose, destination, n = '1', seed = process.env.POCKETM8_CODE_SEED ?? 'pocketm8'] = process.argv.slice(2);
if (!purpose || !destination || !(PURPOSES as readonly string[]).includes(purpose) || !/^\d+$/.test(n)) {
  console.error(`usage: npm run code -- <${PURPOSES.join('|')}> <destination> [n=1] [seed=pocketm8]`);
  process.exit(2);
}
const token = purpose === 'password-reset' || purpose === 'pace-phone-confirm';
const derive = token ? deriveToken : deriveCode;
console.log(derive(seed, purpose as Purpose, destination.toLowerCase(), Number(n)));
