// Entry of the server bundle (dist/server.js) that the VS Code client starts over IPC. Other
// editors start the same server with `cache-warden lsp --stdio`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
