-- Smoke test of `cache-warden lsp --stdio` in Neovim 0.7+ (headless). Not part of `npm test`:
-- run scripts/nvim-smoke.sh, which runs this file with `nvim --headless -u` on the demo workspace.
--
-- The editor configuration is not written here: it is the one docs/editors.md prints (the Neovim
-- 0.7 block on Neovim 0.7, the 0.8+ block on newer versions), extracted and run as it is, so the
-- documented configuration is the tested one. The README's copies must be identical, and every
-- other Lua block of docs/editors.md must at least compile. CacheWardenSmoke() then drives the
-- server on the open file and writes what it saw to a report file.
--
-- Environment:
--   CW_SMOKE_OUT          report file (default: cache-warden-nvim-smoke.txt in the current folder)
--   CW_SMOKE_NO_CONFIGCAP "1": drop the documented `workspace.configuration = true` line (0.7)
--   CW_SMOKE_USE_PATH     "1": run the `cache-warden` found on PATH (an installed package) instead
--                         of this checkout's bin/cache-warden.js

local this_file = debug.getinfo(1, 'S').source:sub(2)
local repo = vim.fn.fnamemodify(this_file, ':p:h:h:h')

local out = {}
local function say(fmt, ...) table.insert(out, string.format(fmt, ...)) end

-- ---------------------------------------------------------------------------------------------
-- The documented configurations.

local function code_blocks(file, lang)
  local text = table.concat(vim.fn.readfile(repo .. '/' .. file), '\n') .. '\n'
  local blocks = {}
  for block in text:gmatch('```' .. lang .. '\n(.-)\n```\n') do table.insert(blocks, block) end
  return blocks
end

local function block_starting(blocks, first_line)
  for _, block in ipairs(blocks) do
    if block:sub(1, #first_line) == first_line then return block end
  end
end

local doc_lua, readme_lua = code_blocks('docs/editors.md', 'lua'), code_blocks('README.md', 'lua')
local doc_toml, readme_toml = code_blocks('docs/editors.md', 'toml'), code_blocks('README.md', 'toml')
local NVIM07 = '-- init.lua for Neovim 0.7:'
local NVIM08 = '-- init.lua for Neovim 0.8 and newer:'
local HELIX = '[language-server.cache-warden]\ncommand'
for _, first in ipairs({ NVIM07, NVIM08 }) do
  local doc, readme = block_starting(doc_lua, first), block_starting(readme_lua, first)
  say('docs check: %s block %s', first, not doc and 'MISSING in docs/editors.md' or (doc == readme and 'same in README.md' or 'DIFFERS in README.md'))
end
local helix_doc, helix_readme = block_starting(doc_toml, HELIX), block_starting(readme_toml, HELIX)
say('docs check: Helix languages.toml block %s', not helix_doc and 'MISSING in docs/editors.md' or (helix_doc == helix_readme and 'same in README.md' or 'DIFFERS in README.md'))
for i, block in ipairs(doc_lua) do
  -- Fragments (a `settings = { ... },` field) compile as the fields of a table.
  local ok = loadstring(block) or loadstring('return {\n' .. block .. '\n}')
  say('docs check: Lua block %d of docs/editors.md (%s) %s', i, block:match('^[^\n]*'), ok and 'compiles' or 'DOES NOT COMPILE')
end

-- `cache-warden` on PATH runs this checkout, unless an installed package is under test.
if os.getenv('CW_SMOKE_USE_PATH') ~= '1' then
  local bin = vim.fn.tempname()
  vim.fn.mkdir(bin, 'p')
  vim.fn.writefile({ '#!/bin/sh', 'exec node ' .. vim.fn.shellescape(repo .. '/bin/cache-warden.js') .. ' "$@"' }, bin .. '/cache-warden')
  vim.fn.setfperm(bin .. '/cache-warden', 'rwxr-xr-x')
  vim.env.PATH = bin .. ':' .. vim.env.PATH
end

local config_name = vim.lsp.start and NVIM08 or NVIM07
local config = block_starting(doc_lua, config_name)
assert(config, 'docs/editors.md has no block starting with ' .. config_name)
if os.getenv('CW_SMOKE_NO_CONFIGCAP') == '1' then
  local count
  config, count = config:gsub('\n[^\n]*workspace%.configuration = true', '\n')
  assert(count == 1, 'no workspace.configuration line to drop')
  config_name = config_name .. ' (without the workspace.configuration line)'
end
say('config: %s', config_name)
assert(loadstring(config, '=docs/editors.md'))()

-- ---------------------------------------------------------------------------------------------
-- The smoke test.

local function find_line(pattern, after)
  local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  for i = (after or 0) + 1, #lines do
    local col = lines[i]:find(pattern)
    if col then return i - 1, col - 1 end
  end
end

local function request(method, params, timeout)
  local started = vim.loop.hrtime()
  local responses, err = vim.lsp.buf_request_sync(0, method, params, timeout or 10000)
  local ms = (vim.loop.hrtime() - started) / 1e6
  if not responses then
    say('%s: no answer (%s) after %.0f ms', method, tostring(err), ms)
    return nil
  end
  for _, response in pairs(responses) do
    if response.err then
      say('%s: error %s', method, vim.inspect(response.err))
      return nil
    end
    say('%s: answered in %.0f ms', method, ms)
    return response.result
  end
  say('%s: empty response table after %.0f ms', method, ms)
end

local function position(line, character)
  return { textDocument = vim.lsp.util.make_text_document_params(), position = { line = line, character = character } }
end

function CacheWardenSmoke()
  local outfile = os.getenv('CW_SMOKE_OUT') or 'cache-warden-nvim-smoke.txt'
  say('nvim %s', tostring(vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch))
  say('file %s (filetype %s)', vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ':.'), vim.bo.filetype)

  -- Wait for the client to initialize and for pushed diagnostics.
  local started = vim.loop.hrtime()
  local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
  say('diagnostics arrived: %s after %.0f ms', tostring(ok), (vim.loop.hrtime() - started) / 1e6)
  local clients_attached = vim.lsp.buf_get_clients(0)
  for _, client in pairs(clients_attached) do
    say('client %s, root_dir %s, offset encoding %s', client.name, client.config.root_dir, tostring(client.offset_encoding))
    say('command %s (%s)', table.concat(client.config.cmd, ' '), vim.fn.exepath(client.config.cmd[1]))
    say('settings %s, capabilities.workspace.configuration=%s', vim.inspect(client.config.settings, { newline = '', indent = '' }), tostring(client.config.capabilities.workspace.configuration))
    local keys = {}
    for _, lhs in ipairs({ 'K', 'gd', '<leader>ca' }) do
      if vim.fn.maparg(lhs, 'n', false, true).buffer == 1 then table.insert(keys, lhs) end
    end
    say('buffer keys: %s; omnifunc=%s', table.concat(keys, ' '), vim.bo.omnifunc)
    say('server capabilities: %s', table.concat(vim.tbl_keys(client.server_capabilities or {}), ', '))
  end
  -- Give a slow second publish (closed files, debounce) time, then read the final set.
  vim.wait(1500, function() return false end, 50)
  local diagnostics = vim.diagnostic.get(0)
  table.sort(diagnostics, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  say('diagnostics in buffer: %d', #diagnostics)
  local severities = { 'E', 'W', 'I', 'H' }
  for _, d in ipairs(diagnostics) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '-'
    say('  L%d:%d %s [%s] %s (%s)', d.lnum + 1, d.col + 1, severities[d.severity] or '?', tostring(code), d.message:gsub('\n', ' '), tostring(d.source))
  end
  -- Problems of files not open in Neovim (validate.closedFiles) land in unlisted buffers.
  local per_file = {}
  for _, d in ipairs(vim.diagnostic.get()) do
    local name = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(d.bufnr), ':.')
    per_file[name] = (per_file[name] or 0) + 1
  end
  local names = vim.tbl_keys(per_file)
  table.sort(names)
  say('diagnostics in all buffers (%d files):', #names)
  for _, name in ipairs(names) do say('  %s: %d', name, per_file[name]) end

  -- Hover on a key (`eviction`) and on an entity ref (`name: catalog-db` under `fronts:`).
  local line, col = find_line('eviction:')
  if line then
    local result = request('textDocument/hover', position(line, col + 2))
    local value = result and result.contents and (result.contents.value or vim.inspect(result.contents)) or 'nil'
    say('hover at L%d (eviction) kind=%s:\n%s', line + 1, result and result.contents and result.contents.kind or '-', value)
  end
  local fronts = find_line('fronts:')
  local ref_line, ref_col = find_line('name: catalog%-db', fronts)
  if ref_line then
    local target_col = ref_col + #'name: ' + 2
    local result = request('textDocument/hover', position(ref_line, target_col))
    local value = result and result.contents and (result.contents.value or vim.inspect(result.contents)) or 'nil'
    say('hover at L%d (fronts.name: catalog-db):\n%s', ref_line + 1, value)

    local def = request('textDocument/definition', position(ref_line, target_col))
    if def then
      for _, loc in ipairs(vim.tbl_islist(def) and def or { def }) do
        local uri = loc.targetUri or loc.uri
        local range = loc.targetSelectionRange or loc.range
        say('definition -> %s line %d', uri and vim.uri_to_fname(uri):gsub('^' .. vim.pesc(repo) .. '/', '') or '?', range and range.start.line + 1 or -1)
      end
      if #def == 0 then say('definition -> (empty list)') end
    else
      say('definition -> nil')
    end
  end

  -- Completion: the values of `eviction:` and the keys of a cache entry.
  if line then
    local text = vim.api.nvim_buf_get_lines(0, line, line + 1, false)[1]
    local result = request('textDocument/completion', position(line, #text))
    local items = result and (result.items or result) or {}
    local labels = {}
    for _, item in ipairs(items) do table.insert(labels, item.label) end
    say('completion at end of L%d (%s): %d items: %s', line + 1, vim.trim(text), #items, table.concat(labels, ', '))
  end
  local ttl_line = find_line('ttl:')
  if ttl_line then
    -- A new, empty line inside the first cache entry (same indent as `ttl:`).
    local indent = vim.api.nvim_buf_get_lines(0, ttl_line, ttl_line + 1, false)[1]:match('^%s*')
    vim.api.nvim_buf_set_lines(0, ttl_line, ttl_line, false, { indent })
    local result = request('textDocument/completion', position(ttl_line, #indent))
    local items = result and (result.items or result) or {}
    local labels, snippets = {}, 0
    for _, item in ipairs(items) do
      table.insert(labels, item.label)
      if item.insertTextFormat == 2 then snippets = snippets + 1 end
    end
    say('completion on a new line in the first cache (L%d): %d items (%d snippets): %s', ttl_line + 1, #items, snippets, table.concat(labels, ', '))
    local first = items[1]
    if first then say('  first item: %s', vim.inspect(first, { newline = ' ', indent = '' })) end
    local converted = vim.lsp.util.text_document_completion_list_to_complete_items(result or {}, '')
    local words = {}
    for i = 1, math.min(5, #converted) do table.insert(words, string.format('%q', converted[i].word)) end
    say('  as Neovim inserts them (first 5 words): %s', table.concat(words, ', '))
    vim.api.nvim_buf_set_lines(0, ttl_line, ttl_line + 1, false, {})
    vim.wait(500, function() return false end, 50)
  end

  -- Code actions on the first diagnostic.
  local d = vim.diagnostic.get(0)[1]
  if d then
    local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(0, d.lnum)
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(),
      range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col } },
      context = { diagnostics = lsp_diags },
    }
    local result = request('textDocument/codeAction', params)
    say('code actions at L%d (%d diagnostics sent):', d.lnum + 1, #lsp_diags)
    for _, action in ipairs(result or {}) do
      say('  %s [%s]%s%s', action.title, tostring(action.kind), action.edit and ' edit' or '', action.command and (' command=' .. (action.command.command or '?')) or '')
    end
    -- What `vim.lsp.buf.code_action()` does with a command-only action that no Lua handler in
    -- vim.lsp.commands knows: it sends workspace/executeCommand to the server.
    for _, action in ipairs(result or {}) do
      if action.command and not action.edit then
        local client = vim.lsp.buf_get_clients(0)[next(vim.lsp.buf_get_clients(0))]
        local answer
        client.request('workspace/executeCommand', action.command, function(err, res) answer = { err = err, result = res } end, 0)
        vim.wait(5000, function() return answer ~= nil end, 50)
        say('  executeCommand %s -> %s', action.command.command, answer and vim.inspect(answer, { newline = ' ', indent = '' }) or 'no answer in 5 s')
        break
      end
    end
  end

  -- Apply the first quick fix with an edit (as choosing it in vim.lsp.buf.code_action() does) and
  -- wait for the server to re-check the changed buffer (incremental didChange).
  local fix
  if d then
    local lsp_diags = vim.lsp.diagnostic.get_line_diagnostics(0, d.lnum)
    local result = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', {
      textDocument = vim.lsp.util.make_text_document_params(),
      range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col } },
      context = { diagnostics = lsp_diags },
    }, 10000)
    for _, response in pairs(result or {}) do
      for _, action in ipairs(response.result or {}) do
        if action.edit and not fix then fix = action end
      end
    end
  end
  if fix then
    local before = #vim.diagnostic.get(0)
    vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
    local started = vim.loop.hrtime()
    local changed = vim.wait(10000, function() return #vim.diagnostic.get(0) ~= before end, 50)
    say('applied quick fix "%s": diagnostics %d -> %d (%s after %.0f ms)', fix.title, before, #vim.diagnostic.get(0), changed and 'changed' or 'unchanged', (vim.loop.hrtime() - started) / 1e6)
    for _, dd in ipairs(vim.diagnostic.get(0)) do
      if dd.code == 'CW007' then say('  still CW007 at L%d', dd.lnum + 1) end
    end
  end

  -- Document links (Neovim has no UI for them before 0.10; asked directly).
  local links = request('textDocument/documentLink', { textDocument = vim.lsp.util.make_text_document_params() })
  say('document links: %d', links and #links or 0)
  for i = 1, math.min(3, links and #links or 0) do
    say('  L%d -> %s', links[i].range.start.line + 1, (links[i].target or '?'):gsub('^file://' .. vim.pesc(repo) .. '/', ''))
  end

  -- Change the settings while Neovim runs, with the snippet docs/editors.md prints (turns CW003 off).
  local change = block_starting(doc_lua, 'for _, client in pairs(vim.lsp.get_active_clients()) do')
  if change then
    local function has_cw003()
      for _, dd in ipairs(vim.diagnostic.get(0)) do
        if dd.code == 'CW003' then return true end
      end
      return false
    end
    local before = has_cw003()
    assert(loadstring(change, '=docs/editors.md (settings change)'))()
    local started = vim.loop.hrtime()
    local gone = vim.wait(10000, function() return not has_cw003() end, 50)
    say('settings change from docs/editors.md: CW003 reported before %s, after %s (%.0f ms)', tostring(before), tostring(not gone), (vim.loop.hrtime() - started) / 1e6)
  end

  -- Shut down cleanly.
  for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
  local stopped = vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  say('clients stopped: %s', tostring(stopped))

  local f = assert(io.open(outfile, 'w'))
  f:write(table.concat(out, '\n'), '\n')
  f:close()
end

-- For any other file (a doc, a JSON config): diagnostics, and hover at a given line and column.
function CacheWardenSmokeFile(line, col)
  local outfile = os.getenv('CW_SMOKE_OUT') or 'cache-warden-nvim-smoke.txt'
  say('file %s (filetype %s)', vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ':.'), vim.bo.filetype)
  vim.wait(10000, function() return next(vim.lsp.buf_get_clients(0)) ~= nil end, 50)
  vim.wait(2500, function() return false end, 50)
  local diagnostics = vim.diagnostic.get(0)
  say('diagnostics in buffer: %d', #diagnostics)
  for _, d in ipairs(diagnostics) do
    say('  L%d:%d [%s] %s', d.lnum + 1, d.col + 1, tostring(d.code), d.message:gsub('\n', ' '))
  end
  local text = vim.api.nvim_buf_get_lines(0, line - 1, line, false)[1] or ''
  local result = request('textDocument/hover', position(line - 1, col - 1))
  local value = result and result.contents and (result.contents.value or vim.inspect(result.contents)) or 'nil'
  say('hover at L%d:%d (%s):\n%s', line, col, vim.trim(text), value)
  local result2 = request('textDocument/completion', position(line - 1, #text))
  local items = result2 and (result2.items or result2) or {}
  local labels = {}
  for i = 1, math.min(12, #items) do table.insert(labels, items[i].label) end
  say('completion at end of L%d: %d items: %s', line, #items, table.concat(labels, ', '))
  for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
  vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  local f = assert(io.open(outfile, 'w'))
  f:write(table.concat(out, '\n'), '\n')
  f:close()
end
