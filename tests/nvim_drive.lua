-- Drives `healthlint server` from Neovim's own LSP client; writes what happened as JSON to $HL_OUT.
local out = {}
local function done()
  local file = io.open(os.getenv("HL_OUT"), "w")
  file:write(vim.fn.json_encode(out))
  file:close()
  vim.cmd("qall!")
end
local function fail(message)
  out.error = message
  done()
end
local function diagnostics()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(found, {d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), d.lnum, d.col, d.end_lnum, d.end_col})
  end
  return found
end
local function lines() return vim.api.nvim_buf_get_lines(0, 0, -1, false) end

vim.cmd("edit " .. os.getenv("HL_FILE"))
local client_id = vim.lsp.start_client({name = "healthlint", cmd = {os.getenv("HL_PYTHON"), "-m", "healthlint", "server"},
                                        root_dir = os.getenv("HL_ROOT")})
vim.lsp.buf_attach_client(0, client_id)
if not vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 20) then return fail("no diagnostics") end
out.opened = diagnostics()
local client = vim.lsp.get_client_by_id(client_id)

local function actions_at(line, col)
  vim.api.nvim_win_set_cursor(0, {line + 1, col})
  local params = vim.lsp.util.make_range_params()
  params.context = {diagnostics = {}}
  local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000) or {}
  local found = {}
  for _, response in pairs(responses) do
    if response.err then return fail("codeAction: " .. vim.inspect(response.err)) end
    for _, action in ipairs(response.result or {}) do table.insert(found, action) end
  end
  return found
end
local function titled(actions, prefix)
  for _, action in ipairs(actions) do
    if action.title:sub(1, #prefix) == prefix then return action end
  end
end

-- 1. The safe fix: its edit applied, the text changes, the finding goes.
local before = #vim.diagnostic.get(0)
local fix = titled(actions_at(out.opened[1][2], out.opened[1][3]), "Delete")
if not fix then return fail("no fix action") end
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
out.fixed_text = lines()
if not vim.wait(30000, function() return #vim.diagnostic.get(0) == before - 1 end, 20) then
  return fail("diagnostics not updated after the fix: " .. vim.inspect(diagnostics()))
end
out.after_fix = diagnostics()

-- 2. The suggestion's command runs in the client without an error.
local remaining = out.after_fix[1]
local actions = actions_at(remaining[2], remaining[3])
local suggestion = titled(actions, "healthlint [")
local command = suggestion.command
local responses = vim.lsp.buf_request_sync(0, "workspace/executeCommand", command, 10000) or {}
for _, response in pairs(responses) do out.command_error = response.err and vim.inspect(response.err) or vim.NIL end

-- 3. The disable comment: applied, and the diagnostics are cleared.
local disable = titled(actions, "Disable")
vim.lsp.util.apply_workspace_edit(disable.edit, client.offset_encoding)
out.disabled_text = lines()
if not vim.wait(30000, function() return #vim.diagnostic.get(0) == 0 end, 20) then
  return fail("diagnostics not cleared: " .. vim.inspect(diagnostics()))
end
out.cleared = true
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
done()
