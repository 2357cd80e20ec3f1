package brief

// LevelNames are the levels' Chinese names as the brief prints them.
var LevelNames = map[string]string{"province": "省", "city": "市", "county": "区县", "township": "镇（街道）", "community": "村（社区）"}

// PeerGroup names the peers a region is ranked among: "通州区各镇（街道）".
func PeerGroup(parent, level string) string {
	return parent + "各" + LevelNames[level]
}
