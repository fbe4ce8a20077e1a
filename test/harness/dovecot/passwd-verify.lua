-- The bench's copy of mailcow's Dovecot passdb, data/conf/dovecot/auth/passwd-verify.lua
-- (mailcow-dockerized HEAD 06424670f): every login is POSTed as {username, password, real_rip,
-- service} to mailcow's auth endpoint (mailcowauth.php), which checks the app passwords and
-- records the login in sasl_log. Differences, all on the transport: plain HTTP to the mailcow
-- emulator (mailcow: https://nginx:9082 with insecure = true) through LuaSocket, and Dovecot's
-- own submission service is named "smtp" here, as mailcow's Postfix names its SASL requests.
-- The URL placeholder below is filled in by test/harness/dovecot.ts.
function auth_password_verify(request, password)
  if request.domain == nil then
    return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, "No such user"
  end

  local json = require "cjson"
  local ltn12 = require "ltn12"
  local http = require "socket.http"
  http.TIMEOUT = 30

  local service = request.service
  if service == "submission" then
    service = "smtp"
  end

  local req = {
    username = request.user,
    password = password,
    real_rip = request.real_rip,
    service = service
  }
  local req_json = json.encode(req)
  local res = {}

  local b, c = http.request {
    method = "POST",
    url = "@AUTH_URL@",
    source = ltn12.source.string(req_json),
    headers = {
      ["content-type"] = "application/json",
      ["content-length"] = tostring(#req_json)
    },
    sink = ltn12.sink.table(res)
  }

  if c ~= 200 and c ~= 401 then
    dovecot.i_info("HTTP request failed with " .. tostring(c) .. " for user " .. request.user)
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, "Upstream error"
  end

  local response_str = table.concat(res)
  local is_response_valid, response_json = pcall(json.decode, response_str)

  if not is_response_valid then
    dovecot.i_info("Invalid JSON received: " .. response_str)
    return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, "Invalid response format"
  end

  if response_json.success == true then
    return dovecot.auth.PASSDB_RESULT_OK, ""
  end

  return dovecot.auth.PASSDB_RESULT_PASSWORD_MISMATCH, "Failed to authenticate"
end

function auth_passdb_lookup(req)
   return dovecot.auth.PASSDB_RESULT_USER_UNKNOWN, ""
end
