-- wrk script: health-circle coverage per township for random budgets, so
-- that every request computes a coverage instead of reading a cached one.
math.randomseed(42)
request = function()
  local minutes = 5 + math.random(0, 400) / 10
  return wrk.format("GET", string.format("/api/v1/coverage/health?level=township&minutes=%.1f", minutes))
end
