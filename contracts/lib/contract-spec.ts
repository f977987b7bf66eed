import { APIS, type ApiName } from '../../mock/core/apis.ts';
import { specFileOf } from '../../mock/core/spec-files.ts';
import { checkResponse, loadSpec, type LoadedSpec, type ObservedResponse, type OperationSpec } from '../../mock/core/compiled-spec.ts';

export const API_NAMES = APIS.map((api) => api.name);
export type { ApiName };

const specs = new Map<ApiName, LoadedSpec>();

/** The compiled spec of one API (validators compiled once per worker). */
export function specOf(api: ApiName): LoadedSpec {
  let spec = specs.get(api);
  if (!spec) {
    spec = loadSpec(specFileOf(api).path);
    specs.set(api, spec);
  }
  return spec;
}

export function operationOf(api: ApiName, operationId: string): OperationSpec {
  const operation = specOf(api).operations.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`${api} has no operation ${operationId}`);
  return operation;
}

/** Every documented status of every operation: the rows of the coverage report. */
export function documentedStatuses(api: ApiName): { operationId: string; statuses: string[] }[] {
  return specOf(api).operations.map((operation) => ({ operationId: operation.operationId, statuses: [...operation.responses.keys()] }));
}

/** What the spec says is wrong with a response to this operation. */
export function judge(api: ApiName, operationId: string, response: ObservedResponse): string[] {
  return checkResponse(operationOf(api, operationId), response);
}
