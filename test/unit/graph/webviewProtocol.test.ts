// The diagram webview's messages are checked on arrival: well-formed ones pass through typed,
// anything else is rejected with a reason for the log (never acted on).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDiagramState, parseExtensionMessage, parseWebviewMessage } from '../../../src/core/graph/webviewProtocol';

describe('parseWebviewMessage', () => {
  test('accepts each message type the webview sends', () => {
    const valid = [
      { type: 'ready' },
      { type: 'ready', state: { request: { focus: 'component:orders-service', depth: 2, direction: 'both' }, layout: 'elk', viewport: { x: 1, y: -2, scale: 0.5 } } },
      { type: 'open', entityId: 'n_component_orders_service_1a2b' },
      { type: 'focus', entityId: 'n_x', depth: 3, direction: 'up' },
      { type: 'reaches', entityId: 'n_x' },
      { type: 'openConfig', entityId: 'n_x' },
      { type: 'copyRef', entityId: 'n_x' },
      { type: 'export', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
      { type: 'export', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' },
      { type: 'rendered', nodes: 24, edges: 50, ms: 312 },
      { type: 'rendered', nodes: 0, edges: 0, ms: 3, error: 'Parse error on line 2' },
      { type: 'state', state: { request: { filter: { kinds: ['cache'] } }, layout: 'dagre' }, rerender: true },
      { type: 'state', state: { request: { ownership: true, owner: 'group:team-web' }, layout: 'dagre' }, rerender: true },
    ];
    for (const message of valid) assert.deepEqual(parseWebviewMessage(message), { message }, JSON.stringify(message));
  });

  test('rejects unknown types, missing ids, paths-as-extras and out-of-range values, with a reason', () => {
    const cases: Array<[unknown, string]> = [
      [null, 'not a message object'],
      [{ type: 'runCommand', command: 'workbench.action.terminal.new' }, 'unknown message type "runCommand"'],
      [{ type: 'open' }, 'open: missing entityId'],
      [{ type: 'open', entityId: '' }, 'open: missing entityId'],
      [{ type: 'focus', entityId: 'n_x', depth: 4, direction: 'up' }, 'focus: depth must be 1-3'],
      [{ type: 'focus', entityId: 'n_x', depth: 1, direction: 'sideways' }, 'focus: invalid direction'],
      [{ type: 'export', format: 'pdf', data: 'x' }, 'export: format must be svg or png'],
      [{ type: 'export', format: 'png', data: 'file:///etc/passwd' }, 'export: png must be a data URL'],
      [{ type: 'export', format: 'svg', data: '<html></html>' }, 'export: svg must start with <svg'],
      [{ type: 'rendered', nodes: -1, edges: 0, ms: 1 }, 'rendered: invalid counts'],
      [{ type: 'state', state: { request: { focus: 'x', path: '/etc/passwd' }, layout: 'dagre' } }, 'state: invalid state'],
      [{ type: 'state', state: { request: {}, layout: 'graphviz' } }, 'state: invalid state'],
    ];
    for (const [message, reason] of cases) assert.deepEqual(parseWebviewMessage(message), { rejected: reason }, JSON.stringify(message));
  });

  test('drops fields a message type does not define', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'open', entityId: 'n_x', file: '/etc/passwd' }), { message: { type: 'open', entityId: 'n_x' } });
  });
});

describe('isDiagramState', () => {
  test('checks the request, layout and viewport', () => {
    assert.equal(isDiagramState({ request: {}, layout: 'dagre' }), true);
    assert.equal(isDiagramState({ request: {}, layout: 'dagre', viewport: { x: 0, y: 0, scale: 0 } }), false);
    assert.equal(isDiagramState({ request: { depth: 2.5 }, layout: 'dagre' }), false);
    assert.equal(isDiagramState({ request: { filter: { tags: ['x'] } }, layout: 'dagre' }), false);
    assert.equal(isDiagramState({ request: { ownership: true, owner: 'team-web' }, layout: 'dagre' }), true);
    assert.equal(isDiagramState({ request: { ownership: 'yes' }, layout: 'dagre' }), false);
    assert.equal(isDiagramState({ request: { ownership: true, owner: 42 }, layout: 'dagre' }), false);
    assert.equal(isDiagramState({ request: { ownership: true, owner: '' }, layout: 'dagre' }), false);
  });
});

describe('parseExtensionMessage', () => {
  test('accepts render and simulateClick, nothing else', () => {
    const render = {
      type: 'render',
      view: { nodes: [], edges: [], title: 'All entities' },
      source: 'flowchart LR\n',
      layout: 'dagre',
      request: {},
      facets: { kinds: [], systems: [], owners: [], entities: [] },
      limits: { maxEdges: 2000, maxTextSize: 200000 },
      keepViewport: false,
    };
    assert.equal(parseExtensionMessage(render), render);
    assert.deepEqual(parseExtensionMessage({ type: 'simulateClick', nodeId: 'n_x' }), { type: 'simulateClick', nodeId: 'n_x' });
    assert.equal(parseExtensionMessage({ ...render, limits: undefined }), undefined);
    assert.equal(parseExtensionMessage({ type: 'eval', code: 'alert(1)' }), undefined);
  });
});
