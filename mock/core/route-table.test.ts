import { describe, expect, it } from 'vitest';
import { RouteTable } from './route-table.ts';

function table() {
  const routes = new RouteTable<string>();
  routes.add('get', '/tasks', 'getTasks');
  routes.add('post', '/tasks', 'createTask');
  routes.add('get', '/tasks/{id}', 'getTask');
  routes.add('put', '/tasks/{id}/status', 'setStatus');
  routes.add('get', '/__mock/outbox/latest', 'latest');
  routes.add('get', '/__mock/outbox/{id}', 'oneEntry');
  routes.add('get', '/__mock', 'console');
  return routes;
}

describe('RouteTable', () => {
  it('finds fixed paths and templates by method, with their parameters decoded', () => {
    const routes = table();
    expect(routes.match('GET', '/tasks')).toEqual({ value: 'getTasks', params: {} });
    expect(routes.match('POST', '/tasks')).toEqual({ value: 'createTask', params: {} });
    expect(routes.match('GET', '/tasks/tsk_0001')).toEqual({ value: 'getTask', params: { id: 'tsk_0001' } });
    expect(routes.match('PUT', '/tasks/a%20b/status')).toEqual({ value: 'setStatus', params: { id: 'a b' } });
  });

  it('matches as Express does: any case, an optional trailing slash, HEAD by GET; a fixed path before a template', () => {
    const routes = table();
    expect(routes.match('GET', '/Tasks/')?.value).toBe('getTasks');
    expect(routes.match('GET', '/__mock/')?.value).toBe('console');
    expect(routes.match('HEAD', '/tasks/x')?.value).toBe('getTask');
    expect(routes.match('GET', '/__mock/outbox/latest')?.value).toBe('latest');
    expect(routes.match('GET', '/__mock/outbox/out_1')?.value).toBe('oneEntry');
  });

  it('answers nothing for another method, another shape or an empty parameter', () => {
    const routes = table();
    expect(routes.match('DELETE', '/tasks')).toBeUndefined();
    expect(routes.match('GET', '/tasks/x/y')).toBeUndefined();
    expect(routes.match('GET', '/tasks//status')).toBeUndefined();
    expect(routes.match('PUT', '/tasks//status')).toBeUndefined();
    expect(routes.match('GET', '/nothing')).toBeUndefined();
  });

  it('throws URIError for a parameter that is not valid percent-encoding', () => {
    expect(() => table().match('GET', '/tasks/%E0%A4%A')).toThrow(URIError);
  });
});
