-- wrk script: walking isochrones from random places in Delaware (the
-- extract in github.com/paulmach/osm's testdata), so that every request
-- computes its own instead of reading a cached answer.
math.randomseed(42)
request = function()
  local lon = -75.75 + math.random() * 0.70
  local lat = 38.55 + math.random() * 1.25
  return wrk.format("GET", string.format("/api/v1/isochrones?lon=%.5f&lat=%.5f&mode=walk", lon, lat))
end
