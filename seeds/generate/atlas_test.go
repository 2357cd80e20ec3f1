package main

import (
	"sync"
	"testing"

	"github.com/community-atlas/atlas/seeds"
)

// The tests share one generated atlas: building it takes a couple of
// seconds.
var (
	testAtlasOnce sync.Once
	testAtlasVal  *atlas
	testAtlasErr  error
)

func testAtlas(t *testing.T) *atlas {
	t.Helper()
	testAtlasOnce.Do(func() {
		testAtlasVal, testAtlasErr = build(seeds.Files, seeds.IndicatorsJSON)
	})
	if testAtlasErr != nil {
		t.Fatal(testAtlasErr)
	}
	return testAtlasVal
}
