// The demo workspace (examples/) loaded into the workspace model the language server hosts (its
// project file, rules and cross-file facts included), and the node status the server gives the
// diagram, for the browser-level tests and the render bench.
import * as path from 'node:path';
import type { GraphView } from '../../src/core/graph/graphModel';
import { buildView } from '../../src/core/graph/buildView';
import { WorkspaceModel } from '../../src/core/workspace/workspaceModel';
import { nodeStatus } from '../../src/server/diagram';
import { REPO_ROOT } from './diagramPage';

export const EXAMPLES_ROOT = path.join(REPO_ROOT, 'examples');

export async function loadExampleModel(): Promise<WorkspaceModel> {
  const model = new WorkspaceModel();
  model.addFolder(EXAMPLES_ROOT);
  await model.scan();
  return model;
}

/** The whole demo graph with each node's status, as the server sends it to the diagram. */
export async function exampleView(): Promise<GraphView> {
  const model = await loadExampleModel();
  return buildView(model.catalog, {}, nodeStatus(model));
}

/** A view of the demo focused on one entity (up- and downstream), as the server sends it. */
export async function exampleFocusView(ref: string, depth = 2): Promise<GraphView> {
  const model = await loadExampleModel();
  return buildView(model.catalog, { focus: ref, depth, direction: 'both' }, nodeStatus(model));
}
