import { mediaTypeParameterProblem } from '../../mock/core/compiled-spec.ts';
import { formValidator } from '../../mock/apis/forms.ts';
import { serverAssets } from '../../mock/server/assets.ts';

const assets = serverAssets();
const validators = { pocketm8: formValidator(assets, 'pocketm8', 'Error'), pace: formValidator(assets, 'pace-user', 'Errors') };
const mediaTypes = { pocketm8: 'application/json', pace: 'application/vnd.api+json' };

/** What is wrong with an error answer, measured against the API's documented error body. */
export function errorBodyProblems(api: 'pocketm8' | 'pace', contentType: string | undefined, text: string): string[] {
  if (contentType?.split(';')[0]?.trim() !== mediaTypes[api]) return [`content type ${contentType ?? '(none)'} is not ${mediaTypes[api]}`];
  const parameterProblem = mediaTypeParameterProblem(contentType);
  if (parameterProblem) return [parameterProblem];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`the body is not JSON: ${text.slice(0, 80)}`];
  }
  return validators[api](body as Record<string, unknown>).map((problem) => `${problem.field} ${problem.message}`);
}
